namespace CxMonitor.Web.Cli;

/// <summary>A command line split into command words, the command's own options, and settings
/// for the configuration (<c>--State:Directory=/srv/cx</c>, <c>--environment Demo</c>) that the
/// web host would read too.</summary>
internal sealed record CliArguments(
    IReadOnlyList<string> Words, IReadOnlyDictionary<string, string> Options, IReadOnlyList<string> ConfigurationArgs, bool Help)
{
    public static readonly string[] CommandOptions = ["--source", "--sites", "--name", "--role", "--mapping", "--site", "--platform", "--encoding", "--url", "--from", "--to", "--touchpoint", "--scale", "--channel"];

    // Host settings that have no section, so they carry no ':' to recognise them by.
    private static readonly string[] s_hostSettings = ["environment", "contentRoot", "applicationName"];

    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        var words = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var configuration = new List<string>();
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help")
            {
                help = true;
                continue;
            }
            if (!arg.StartsWith('-'))
            {
                words.Add(arg);
                continue;
            }
            var equals = arg.IndexOf('=');
            var name = equals < 0 ? arg : arg[..equals];
            var isCommandOption = CommandOptions.Contains(name);
            if (!isCommandOption && !IsConfigurationSetting(name))
                throw new CliUsageException($"Unknown option '{name}'.");
            string value;
            if (equals >= 0)
                value = arg[(equals + 1)..];
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                value = args[++i];
            else
                throw new CliUsageException($"Option '{name}' needs a value.");
            if (isCommandOption)
                options[name] = value;
            else
                configuration.Add($"{name}={value}");
        }
        return new CliArguments(words, options, configuration, help);
    }

    private static bool IsConfigurationSetting(string name) =>
        name.StartsWith("--", StringComparison.Ordinal)
        && (name.Contains(':') || s_hostSettings.Contains(name[2..], StringComparer.OrdinalIgnoreCase));
}

internal sealed class CliUsageException(string message) : Exception(message);
