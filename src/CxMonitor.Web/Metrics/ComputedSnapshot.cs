using CxMonitor.Core.Metrics;

namespace CxMonitor.Web.Metrics;

/// <summary>A snapshot with what it is about.</summary>
public sealed record ComputedSnapshot(SatisfactionScope Scope, SatisfactionWindow Window, SatisfactionTotals Totals, SatisfactionSnapshot Snapshot);

/// <summary>One run's snapshots and where its time went.</summary>
public sealed record RollingRun(DateTimeOffset At, IReadOnlyList<ComputedSnapshot> Snapshots, TimeSpan InfluxTime, TimeSpan Total);
