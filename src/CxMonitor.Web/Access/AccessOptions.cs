using System.ComponentModel.DataAnnotations;

namespace CxMonitor.Web.Access;

/// <summary>Bound from the <c>Access</c> section.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>How long a validated key is trusted without asking the database. Revocations by
    /// the CLI (another process) take effect within this time, hence the 10 s ceiling.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10", ErrorMessage = "Access:KeyCacheTtl must be between 00:00:00 and 00:00:10.")]
    public TimeSpan KeyCacheTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Other origins (scheme://host:port) whose pages may open the live hub, e.g. a
    /// reverse proxy's public name when it rewrites the Host header.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}

/// <summary>Bound from <c>Access:Ingest</c>: the token bucket of each API key.</summary>
public sealed class IngestRateLimitOptions
{
    public const string Section = "Access:Ingest";

    [Range(1, 1_000_000, ErrorMessage = "Access:Ingest:RequestsPerSecond must be between 1 and 1000000.")]
    public int RequestsPerSecond { get; set; } = 200;

    [Range(1, 10_000_000, ErrorMessage = "Access:Ingest:Burst must be between 1 and 10000000.")]
    public int Burst { get; set; } = 400;
}
