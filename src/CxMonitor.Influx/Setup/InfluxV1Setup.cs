using CxMonitor.Influx.Query;

namespace CxMonitor.Influx.Setup;

/// <summary>Deploy-time administration for InfluxDB 1.x: databases with retention. Admin
/// statements are not portable (2.x uses buckets, 3 Core its own API), so this is only used at
/// setup, never on the data path.</summary>
public sealed class InfluxV1Setup
{
    private readonly QueryApi _query;

    public InfluxV1Setup(InfluxDBClient client)
    {
        _query = client.GetQueryApi();
    }

    /// <summary>Creates the database if missing and makes its default retention policy keep
    /// data for <paramref name="retention"/> (null: forever), in shard groups of
    /// <paramref name="shardDuration"/> (null: InfluxData's recommendation for the retention).
    /// Safe to run at every start.</summary>
    public async Task EnsureDatabaseAsync(string database, TimeSpan? retention, CancellationToken ct = default, TimeSpan? shardDuration = null)
    {
        await _query.QueryAsync(InfluxQL.Format($"CREATE DATABASE {InfluxQL.Id(database)}"), null, ct).ConfigureAwait(false);
        var duration = retention is { } r ? InfluxQL.Duration(r) : "INF";
        // CREATE DATABASE … WITH DURATION conflicts with an existing policy; ALTER works on both.
        var alter = InfluxQL.Format($"ALTER RETENTION POLICY \"autogen\" ON {InfluxQL.Id(database)} DURATION {InfluxQL.Raw(duration)} SHARD DURATION {InfluxQL.Raw(shardDuration is { } sd ? InfluxQL.Duration(sd) : ShardDuration(retention))} DEFAULT");
        await _query.QueryAsync(alter, null, ct).ConfigureAwait(false);
    }

    public async Task DropDatabaseAsync(string database, CancellationToken ct = default) =>
        await _query.QueryAsync(InfluxQL.Format($"DROP DATABASE {InfluxQL.Id(database)}"), null, ct).ConfigureAwait(false);

    /// <summary>InfluxData's recommended shard group durations for a retention period.</summary>
    private static string ShardDuration(TimeSpan? retention) => retention switch
    {
        null => "7d",
        { } r when r < TimeSpan.FromDays(2) => "1h",
        { } r when r <= TimeSpan.FromDays(180) => "1d",
        _ => "7d",
    };
}
