using System.ComponentModel.DataAnnotations;

namespace CxMonitor.Web.Ingest;

/// <summary>Limits of the ingest API. Bound from <c>Ingest</c>.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    [Range(1, 100_000)]
    public int MaxItemsPerRequest { get; set; } = 10_000;

    [Range(1024, 1L << 30)]
    public long MaxBodyBytes { get; set; } = 32L << 20;

    [Range(1, 100_000)]
    public int MaxCommentLength { get; set; } = 2000;

    [Range(1, 1_000_000)]
    public int MaxReviewTextLength { get; set; } = 20_000;

    /// <summary>How far in the future a rating's time may be (terminal clocks drift).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Ids remembered to report resends as duplicates. Beyond this, resends are still
    /// not double counted (they overwrite their own point) but are reported as accepted.</summary>
    [Range(1000, 50_000_000)]
    public int RememberedIds { get; set; } = 1_000_000;

    /// <summary>Seconds a client is asked to wait when the spool is over its disk budget.</summary>
    [Range(1, 3600)]
    public int FullRetryAfterSeconds { get; set; } = 10;
}
