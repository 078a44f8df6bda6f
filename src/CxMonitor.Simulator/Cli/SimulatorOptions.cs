using CxMonitor.Simulator.Catalog;

namespace CxMonitor.Simulator.Cli;

/// <summary>Everything the command line can set, already validated.</summary>
internal sealed record SimulatorOptions
{
    public const string ApiKeyVariable = "CXMONITOR_API_KEY";
    public const string FeedSecretVariable = "CXMONITOR_FEED_SECRET";

    public Uri Url { get; init; } = new("http://127.0.0.1:5080/");
    /// <summary>Null only with --dry-run or --help.</summary>
    public string? ApiKey { get; init; }
    public double Rate { get; init; } = 5;
    public int Sites { get; init; } = DemoSites.All.Count;
    /// <summary>Null: run until Ctrl+C.</summary>
    public TimeSpan? Duration { get; init; }
    /// <summary>Null: pick one and print it, so the run can be repeated.</summary>
    public int? Seed { get; init; }
    /// <summary>Null: live sends every second, bulk uses <see cref="BulkBatch"/>.</summary>
    public int? Batch { get; init; }
    public int? BackfillDays { get; init; }
    public int PerDay { get; init; } = 20_000;
    public int Parallel { get; init; } = 2;
    public bool ThenLive { get; init; }
    public bool Incidents { get; init; } = true;
    public TimeSpan IncidentOffset { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Where to write the planned incidents as JSON (what, where, from when to when).</summary>
    public string? GroundTruth { get; init; }
    /// <summary>End of the back-filled history; null: now.</summary>
    public DateTimeOffset? Until { get; init; }
    public bool DryRun { get; init; }
    /// <summary>Live reviews of the platform of this name go to its signed push feed, not the reviews API.</summary>
    public string? PushFeed { get; init; }
    /// <summary>The one site the push feed writes (a feed writes only its own site); the platform's
    /// reviews of other sites go to the reviews API. Null: every site.</summary>
    public string? PushSite { get; init; }
    public string? FeedSecret { get; init; }
    public bool Help { get; init; }

    public const int BulkBatch = 5_000;
    public const int MaxBatch = 10_000;

    public bool RunsLive => BackfillDays is null || ThenLive;
}

/// <summary>A command line that cannot be run; the message says which option and why.</summary>
internal sealed class OptionsException(string message) : Exception(message);
