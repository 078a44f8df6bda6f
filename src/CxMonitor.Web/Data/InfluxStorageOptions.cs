using System.ComponentModel.DataAnnotations;
using CxMonitor.Influx;

namespace CxMonitor.Web.Data;

/// <summary>Where CxMonitor keeps its time series. Bound from the <c>Influx</c> section
/// (environment: <c>Influx__Url</c>, <c>Influx__Token</c>, …).</summary>
public sealed class InfluxStorageOptions
{
    public const string Section = "Influx";

    [Required]
    public Uri Url { get; set; } = new("http://127.0.0.1:8086/");

    /// <summary>Raw ratings and reviews (a bucket with this name on 2.x).</summary>
    [Required, RegularExpression(@"^[A-Za-z0-9_\-]+$", ErrorMessage = "Database may contain letters, digits, '_' and '-' only.")]
    public string Database { get; set; } = "cxmonitor";

    /// <summary>Hourly and daily rollups and snapshot history, kept longer than raw points.</summary>
    [Required, RegularExpression(@"^[A-Za-z0-9_\-]+$", ErrorMessage = "RollupDatabase may contain letters, digits, '_' and '-' only.")]
    public string RollupDatabase { get; set; } = "cxmonitor_rollups";

    public InfluxAuthScheme AuthScheme { get; set; } = InfluxAuthScheme.None;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string? Token { get; set; }

    public bool Gzip { get; set; }

    /// <summary>Retries of a failed read before its caller is told (a warm-up at start then
    /// goes on without InfluxDB and catches up later).</summary>
    [Range(0, 10)]
    public int ReadRetries { get; set; } = InfluxDBClientOptions.DefaultReadRetries;

    /// <summary>Create the databases with retention at start (1.x only; 2.x and 3 Core buckets
    /// are created by their own setup, see docker-compose.yml).</summary>
    public bool CreateDatabases { get; set; } = true;

    [Range(1, 36500)]
    public int RawRetentionDays { get; set; } = 400;

    [Range(1, 36500)]
    public int RollupRetentionDays { get; set; } = 3650;

    /// <summary>Shard length of the raw database when it is created: a week, InfluxDB's own
    /// default for this retention. Daily shards read the rolling windows a little faster, but an
    /// import spanning months then touches hundreds of shards, each with its own write-ahead log,
    /// and costs InfluxDB about three times the CPU (decision 0013).</summary>
    [Range(1, 366)]
    public int RawShardDays { get; set; } = 7;

    public InfluxDBClientOptions ToClientOptions() => new()
    {
        Url = Url,
        AuthScheme = AuthScheme,
        Username = Username,
        Password = Password,
        Token = Token,
        Gzip = Gzip,
        ReadRetries = ReadRetries,
    };
}
