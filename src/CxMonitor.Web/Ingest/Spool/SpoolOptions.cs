using System.ComponentModel.DataAnnotations;

namespace CxMonitor.Web.Ingest.Spool;

/// <summary>The write-ahead spool between acknowledging a request and storing it in InfluxDB.
/// Bound from <c>Ingest:Spool</c>.</summary>
public sealed class SpoolOptions
{
    public const string Section = "Ingest:Spool";

    /// <summary>Empty: <c>{State:Directory}/spool</c>.</summary>
    public string? Directory { get; set; }

    /// <summary>Once the undelivered backlog reaches this, ingest answers 503 with Retry-After.</summary>
    [Range(1L << 20, long.MaxValue)]
    public long DiskBudgetBytes { get; set; } = 2L << 30;

    [Range(1L << 16, 1L << 31)]
    public long SegmentBytes { get; set; } = 64L << 20;

    /// <summary>fsync before acknowledging. Only turn off where losing the last acknowledged
    /// requests on a power cut is acceptable (a benchmark of the rest of the path).</summary>
    public bool Fsync { get; set; } = true;

    /// <summary>Lines per InfluxDB request when draining.</summary>
    [Range(1, 50_000)]
    public int DrainBatchLines { get; set; } = 5000;

    /// <summary>After delivering a small part batch (<see cref="LingersAfter"/>), the drainer
    /// waits this long for more lines before the next delivery: single-rating requests then reach
    /// InfluxDB some hundreds at a time instead of a few per request, each delivery costing a
    /// request to InfluxDB and a checkpoint (issue 19). It delays when a rating is queryable,
    /// never its acknowledgement.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan DrainLinger { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Whether a batch of this many lines is small enough to linger after: under a tenth
    /// of a full batch. A part of 500 lines or more already costs InfluxDB no more per point than
    /// a full one (decision 0026), and lingering after every part of a stream of 1,000-rating
    /// requests held each round's last lines back 50 ms and left InfluxDB idle meanwhile.</summary>
    public bool LingersAfter(int lines) => DrainLinger > TimeSpan.Zero && lines < Math.Max(1, DrainBatchLines / 10);

    /// <summary>InfluxDB requests in flight per drained batch. Each request holds whole series,
    /// so a point and a later edit of it never race (see <see cref="SeriesPartitions"/>).</summary>
    [Range(1, 8)]
    public int DrainParallelism { get; set; } = 2;

    /// <summary>How long a stopping app keeps delivering the backlog before leaving it on disk.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between delivery attempts while InfluxDB is unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest Retry-After from InfluxDB that the drainer honours (it waits at least what
    /// InfluxDB asks, up to this), so a wrong header cannot stop delivery for hours.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>The backlog is over its disk budget; the caller should answer 503 and retry later.</summary>
public sealed class SpoolFullException(long backlogBytes, long budgetBytes)
    : Exception($"The ingest backlog holds {backlogBytes:N0} bytes, at its budget of {budgetBytes:N0}: InfluxDB is not keeping up or is down.")
{
    public long BacklogBytes { get; } = backlogBytes;
}
