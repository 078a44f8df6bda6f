using System.ComponentModel.DataAnnotations;

namespace CxMonitor.Web.Metrics;

/// <summary>Bound from <c>Metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Below this many observations a figure shows as "not enough data".</summary>
    [Range(1, 10_000)]
    public int MinimumN { get; set; } = 10;

    /// <summary>A baseline figure on fewer observations than this gets no change and no star: a
    /// month against 227 ratings, or an hour against a previous period with data in 6 of 720 hours.</summary>
    [Range(0, 10_000_000)]
    public long MinimumBaselineN { get; set; } = 100;

    /// <summary>The false-discovery rate of the Benjamini–Hochberg correction across the scopes
    /// compared together (every scope of a window in a run; the rows of a league table).</summary>
    [Range(0.0001, 0.5)]
    public double FalseDiscoveryRate { get; set; } = 0.05;

    /// <summary>The smallest CSAT change, in percentage points, that earns a star.</summary>
    [Range(0.0, 100.0)]
    public double MinimumCsatEffect { get; set; } = 2.0;

    /// <summary>The smallest NPS change, in NPS points, that earns a star.</summary>
    [Range(0.0, 200.0)]
    public double MinimumNpsEffect { get; set; } = 5.0;

    /// <summary>Baselines move slowly; they are recomputed at most this often.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan BaselineRefresh { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Write every computed snapshot to the <c>satisfaction</c> measurement.</summary>
    public bool WriteHistory { get; set; } = true;

    /// <summary>Keep the last two days of totals in memory, fed by this node's ingest (decision
    /// 0010) and, with several nodes (<c>Live:Redis</c>), by every other node's through Redis
    /// (decision 0027). Off: every window is read from InfluxDB.</summary>
    public bool ShortWindowsInMemory { get; set; } = true;

    /// <summary>With several nodes: how often the closed minutes of <see cref="ReconcileSpan"/>
    /// are reloaded from InfluxDB, so a rating two nodes both took, or a share that was lost, is
    /// counted as InfluxDB holds it (decision 0027).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Reconcile { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far back each periodic reconciliation reloads (older minutes are reloaded
    /// after a missed share or a reconnect to Redis).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "2.00:00:00")]
    public TimeSpan ReconcileSpan { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the start may wait for the spool to drain and memory to load.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan WarmupTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
