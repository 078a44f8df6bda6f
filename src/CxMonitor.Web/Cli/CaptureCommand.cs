using CxMonitor.Web.Capture;
using CxMonitor.Web.Ingest;
using CxMonitor.Web.Sites;

namespace CxMonitor.Web.Cli;

/// <summary><c>cxmonitor terminals create|revoke</c> and <c>cxmonitor surveys create</c>: what the
/// admin page does, for scripts (run.sh prints a demo terminal's pairing link and a survey link).</summary>
internal sealed class CaptureCommand(TerminalStore terminals, SurveyStore surveys, SiteCatalog sites, TextWriter stdout)
{
    public static void CheckUsage(CliArguments args)
    {
        switch (args.Words)
        {
            case ["terminals" or "surveys", "create"]:
                foreach (var option in (string[])["--site", "--touchpoint"])
                {
                    if (!args.Options.TryGetValue(option, out var value) || string.IsNullOrWhiteSpace(value))
                        throw new CliUsageException($"'{args.Words[0]} create' needs {option}.");
                }
                return;
            case ["terminals", "revoke", _] when args.Options.Count == 0:
                return;
            default:
                throw new CliUsageException($"Unknown command '{string.Join(' ', args.Words)}': use 'terminals create', 'terminals revoke ID' or 'surveys create'.");
        }
    }

    public async Task<int> RunAsync(CliArguments args, CancellationToken ct)
    {
        if (args.Words is ["terminals", "revoke", var id])
            return await terminals.RevokeAsync(id, ct) ? Cli.Ok : Fail($"There is no terminal '{id}'.");
        var site = args.Options["--site"];
        var touchpoint = args.Options["--touchpoint"];
        if (!sites.TryGet(site, out _))
            return Fail($"There is no site '{site}' in the catalog.");
        if (!FieldRules.IsSlug(touchpoint))
            return Fail($"'{touchpoint}' is not a touchpoint name (lower-case letters, digits, '.', '_' or '-').");
        if (args.Words[0] == "surveys")
        {
            var scale = args.Options.GetValueOrDefault("--scale") ?? "nps11";
            if (!Survey.Scales.Contains(scale))
                return Fail($"--scale is one of {string.Join(", ", Survey.Scales)}.");
            var survey = await surveys.CreateAsync(site, touchpoint, args.Options.GetValueOrDefault("--channel") ?? "in-store", scale, "cli", ct);
            await stdout.WriteLineAsync($"/s/{survey.Code}");
            return Cli.Ok;
        }
        var name = args.Options.GetValueOrDefault("--name") ?? $"{site} {touchpoint}";
        var (terminal, code) = await terminals.CreateAsync(new TerminalSettings(name, site, touchpoint, "in-store", "smiley4", new Dictionary<string, string>(), true, TimeSpan.FromSeconds(4)), "cli", ct);
        await stdout.WriteLineAsync($"/rate/pair?code={Uri.EscapeDataString(code)}");
        await stdout.WriteLineAsync($"terminal {terminal.Id}: open the link once on the tablet; it works only once.");
        return Cli.Ok;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return Cli.Failed;
    }
}
