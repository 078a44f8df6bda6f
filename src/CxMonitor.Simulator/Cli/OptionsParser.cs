using System.Globalization;
using System.Text.RegularExpressions;

namespace CxMonitor.Simulator.Cli;

/// <summary>
/// Hand-rolled because the simulator takes no packages; accepts <c>--name value</c> and <c>--name=value</c>.
/// </summary>
internal static partial class OptionsParser
{
    private static readonly HashSet<string> _flags = ["--help", "-h", "--then-live", "--incidents", "--no-incidents", "--dry-run"];
    private static readonly HashSet<string> _valued =
    [
        "--url", "--api-key", "--push-feed", "--push-site", "--rate", "--sites", "--duration", "--seed", "--batch",
        "--backfill", "--per-day", "--parallel", "--incident-offset", "--until", "--ground-truth",
    ];

    public static SimulatorOptions Parse(IReadOnlyList<string> args, string? apiKeyFromEnvironment, string? feedSecretFromEnvironment = null)
    {
        var given = new Dictionary<string, string>();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] && n.StartsWith("--", StringComparison.Ordinal)
                ? (n, v)
                : (args[i], null);
            if (_flags.Contains(name))
            {
                if (value is not null)
                    throw new OptionsException($"{name} takes no value");
                value = "";
            }
            else if (_valued.Contains(name))
            {
                if (value is null && (i + 1 == args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
                    throw new OptionsException($"{name} needs a value");
                value ??= args[++i];
            }
            else
            {
                throw new OptionsException(name.StartsWith('-') ? $"unknown option '{name}'" : $"unexpected argument '{name}'");
            }
            if (!given.TryAdd(name == "-h" ? "--help" : name, value))
                throw new OptionsException($"{name} is given twice");
        }
        return given.ContainsKey("--help") ? new SimulatorOptions { Help = true } : Build(given, apiKeyFromEnvironment) with { FeedSecret = string.IsNullOrWhiteSpace(feedSecretFromEnvironment) ? null : feedSecretFromEnvironment };
    }

    private static SimulatorOptions Build(Dictionary<string, string> given, string? apiKeyFromEnvironment)
    {
        string? Get(string name) => given.GetValueOrDefault(name);
        var options = new SimulatorOptions
        {
            Url = Get("--url") is { } url ? ParseUrl(url) : new SimulatorOptions().Url,
            ApiKey = Get("--api-key") ?? (string.IsNullOrWhiteSpace(apiKeyFromEnvironment) ? null : apiKeyFromEnvironment),
            Rate = Get("--rate") is { } rate ? Number("--rate", rate, 0.001, 100_000, "ratings per second") : 5,
            Sites = Get("--sites") is { } sites ? (int)Whole("--sites", sites, 1, Catalog.DemoSites.All.Count) : Catalog.DemoSites.All.Count,
            Duration = Get("--duration") is { } duration ? ParseDuration("--duration", duration) : null,
            Seed = Get("--seed") is { } seed ? (int)Whole("--seed", seed, int.MinValue, int.MaxValue) : null,
            Batch = Get("--batch") is { } batch ? (int)Whole("--batch", batch, 1, SimulatorOptions.MaxBatch) : null,
            BackfillDays = Get("--backfill") is { } days ? (int)Whole("--backfill", days, 1, 3650) : null,
            PerDay = Get("--per-day") is { } perDay ? (int)Whole("--per-day", perDay, 1, 100_000_000) : 20_000,
            Parallel = Get("--parallel") is { } parallel ? (int)Whole("--parallel", parallel, 1, 64) : 2,
            ThenLive = given.ContainsKey("--then-live"),
            Incidents = !given.ContainsKey("--no-incidents"),
            IncidentOffset = Get("--incident-offset") is { } offset
                ? TimeSpan.FromMinutes(Number("--incident-offset", offset, 0, 7 * 24 * 60, "minutes"))
                : TimeSpan.FromMinutes(5),
            Until = Get("--until") is { } until ? ParseTime("--until", until) : null,
            DryRun = given.ContainsKey("--dry-run"),
            PushFeed = Get("--push-feed"),
            PushSite = Get("--push-site"),
            GroundTruth = Get("--ground-truth"),
        };
        CheckModes(options, given);
        if (options.ApiKey is null && !options.DryRun)
            throw new OptionsException($"an API key is required: --api-key KEY or the {SimulatorOptions.ApiKeyVariable} environment variable");
        return options;
    }

    private static void CheckModes(SimulatorOptions options, Dictionary<string, string> given)
    {
        void Require(bool ok, string message)
        {
            if (!ok)
                throw new OptionsException(message);
        }
        var bulk = options.BackfillDays is not null;
        foreach (var name in new[] { "--then-live", "--per-day", "--parallel", "--until" })
            Require(bulk || !given.ContainsKey(name), $"{name} only applies with --backfill DAYS");
        foreach (var name in new[] { "--rate", "--duration", "--incidents", "--no-incidents", "--incident-offset", "--ground-truth" })
            Require(options.RunsLive || !given.ContainsKey(name), $"{name} only applies to live mode (add --then-live to go live after the backfill)");
        Require(!(given.ContainsKey("--incidents") && given.ContainsKey("--no-incidents")), "--incidents and --no-incidents contradict each other");
        Require(!(given.ContainsKey("--no-incidents") && given.ContainsKey("--incident-offset")), "--incident-offset makes no sense with --no-incidents");
        Require(!(options.ThenLive && options.Until is not null), "--until cannot be combined with --then-live: live traffic starts now");
    }

    private static Uri ParseUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new OptionsException($"--url: expected an http:// or https:// address, got '{text}'");
        // A trailing slash keeps a path prefix (http://host/cx) when the API paths are resolved against it.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
    }

    private static double Number(string name, string text, double min, double max, string unit)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new OptionsException($"{name}: expected {unit} from {min.ToString(CultureInfo.InvariantCulture)} to {max:N0}, got '{text}'");
        return value;
    }

    private static long Whole(string name, string text, long min, long max)
    {
        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (!long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new OptionsException($"{name}: expected a whole number from {min:N0} to {max:N0}, got '{text}'");
        return value;
    }

    private static TimeSpan ParseDuration(string name, string text)
    {
        var match = DurationPattern().Match(text);
        if (!match.Success || double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) <= 0)
            throw new OptionsException($"{name}: expected a length such as 30s, 10m, 2h or 1d, got '{text}'");
        var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
    }

    private static DateTimeOffset ParseTime(string name, string text)
    {
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            throw new OptionsException($"{name}: expected an RFC 3339 time such as 2025-06-01T00:00:00Z, got '{text}'");
        return time.ToUniversalTime();
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(s|m|h|d)$")]
    private static partial Regex DurationPattern();
}
