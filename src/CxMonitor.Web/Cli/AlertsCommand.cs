using CxMonitor.Web.Alerts.Rules;

namespace CxMonitor.Web.Cli;

/// <summary><c>cxmonitor alerts check [DIR]</c>: validates rule files with the same reader the
/// running app uses, prints every error and exits 1 if there is any. Needs no database.</summary>
internal static class AlertsCommand
{
    public static void CheckUsage(CliArguments args)
    {
        if (args.Words is not (["alerts", "check"] or ["alerts", "check", _]) || args.Options.Count > 0)
            throw new CliUsageException("Use 'cxmonitor alerts check [FOLDER]' (default: the alerts folder beside the binary).");
    }

    public static async Task<int> RunAsync(CliArguments args, TextWriter stdout, TextWriter stderr)
    {
        var folder = args.Words.Count > 2 ? args.Words[2] : Path.Combine(AppContext.BaseDirectory, "alerts");
        var set = RuleSet.Load(folder);
        foreach (var error in set.Errors)
            await stderr.WriteLineAsync(error.ToString());
        if (set.Errors.Count > 0)
        {
            await stderr.WriteLineAsync($"{set.Errors.Count} error(s) in {folder}; a running app keeps its previous rules until they are fixed.");
            return Cli.Failed;
        }
        await stdout.WriteLineAsync($"{set.Rules.Count} rules in {set.Files.Count} files are valid: {string.Join(", ", set.Rules.Select(r => r.Name))}");
        return Cli.Ok;
    }
}
