using CxMonitor.Core.Metrics;

namespace CxMonitor.Web.Metrics;

/// <summary>A snapshot with what it is about.</summary>
public sealed record ComputedSnapshot(SatisfactionScope Scope, SatisfactionWindow Window, SatisfactionTotals Totals, SatisfactionSnapshot Snapshot)
{
    /// <summary>The CSAT change earns a star: significant after the FDR correction across every
    /// scope of this window in the run, and at least the minimum effect.</summary>
    public bool CsatStarred { get; init; }

    public bool NpsStarred { get; init; }
}

/// <summary>One run's snapshots and where its time went: <see cref="InfluxTime"/> is the wall
/// time of the fetch phase (InfluxDB's aggregations and reading their answers), the rest of
/// <see cref="Total"/> is ours (sums per scope, statistics).</summary>
public sealed record RollingRun(DateTimeOffset At, IReadOnlyList<ComputedSnapshot> Snapshots, TimeSpan InfluxTime, TimeSpan Total);

/// <summary>The figures of the last job run, for <c>/api/v1/status</c> and the benchmark.</summary>
public sealed record RollingRunReport(DateTimeOffset At, int Snapshots, int Changed, double InfluxMs, double ComputeMs, double PublishMs, double TotalMs);
