using System.Diagnostics;
using CxMonitor.Influx.Query;
using CxMonitor.Influx.Write;

namespace CxMonitor.Influx;

/// <summary>The result of <c>/ping</c>.</summary>
public sealed record InfluxPing(bool Ok, string? Version, TimeSpan Elapsed, string? Error);

/// <summary>Entry point, shaped like InfluxDB.Client's: one per server, thread-safe, and the
/// source of write and query APIs that share its connection pool.</summary>
public sealed class InfluxDBClient : IDisposable
{
    private readonly InfluxTransport _transport;

    public InfluxDBClient(InfluxDBClientOptions options, HttpClient? httpClient = null)
    {
        _transport = new InfluxTransport(options, httpClient);
    }

    public InfluxDBClientOptions Options => _transport.Options;

    public WriteApiAsync GetWriteApiAsync() => new(_transport);

    /// <summary>A batching writer for one database; dispose it to flush.</summary>
    public WriteApi GetWriteApi(string database, WriteOptions? options = null) =>
        new(new WriteApiAsync(_transport), database, options ?? new WriteOptions());

    public QueryApi GetQueryApi() => new(_transport);

    /// <summary>Never throws for an unreachable server: readiness checks want an answer.</summary>
    public async Task<InfluxPing> PingAsync(CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var uri = _transport.Address("ping");
            var (status, body, headers) = await _transport.SendAsync(
                () => new HttpRequestMessage(HttpMethod.Get, uri), new RetryOptions { MaxRetries = 0 }, null, ct).ConfigureAwait(false);
            var version = headers.TryGetValues("X-Influxdb-Version", out var v) ? v.FirstOrDefault() : null;
            var ok = (int)status is >= 200 and < 300;
            return new InfluxPing(ok, version, Stopwatch.GetElapsedTime(started), ok ? null : InfluxTransport.ErrorText(status, body));
        }
        catch (InfluxException ex)
        {
            return new InfluxPing(false, null, Stopwatch.GetElapsedTime(started), ex.Message);
        }
    }

    public void Dispose() => _transport.Dispose();
}
