using System.Diagnostics;
using System.Net;
using CxMonitor.Testing;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>A real HTTP server stands in for InfluxDB, because influxd will not answer 429 or 503
/// with Retry-After on demand. The app's own retry delay is 200 ms here, far below what is asked.</summary>
public sealed class DrainerHonoursRetryAfter : IAsyncLifetime
{
    private HttpStandIn _influx = null!;

    public async Task InitializeAsync() => _influx = await HttpStandIn.StartAsync();

    public async Task DisposeAsync() => await _influx.DisposeAsync();

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task The_drainer_waits_as_long_as_influxdb_asks_before_sending_again(int status)
    {
        var writes = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        _influx.Handler = r =>
        {
            if (r.Path != "/write")
                return null;
            lock (writes)
            {
                writes.Add(clock.Elapsed);
                return writes.Count == 1
                    ? new ScriptedResponse(status, """{"error":"busy"}""", new Dictionary<string, string> { ["Retry-After"] = "2" })
                    : new ScriptedResponse(204);
            }
        };
        await using var app = new IngestApp(_influx.Url, "standin", extra: new Dictionary<string, string?> { ["Influx:CreateDatabases"] = "false" });
        var client = await app.ClientWithKeyAsync();

        var response = await client.PostAsync("/api/v1/ratings", IngestApp.Json("""[{"id":"ra-1","scale":"csat5","score":4,"site":"north"}]"""));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var deadline = Stopwatch.StartNew();
        while (WriteCount(writes) < 2 && deadline.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(50);
        lock (writes)
        {
            Assert.Equal(2, writes.Count);
            Assert.True(writes[1] - writes[0] >= TimeSpan.FromSeconds(1.95), $"sent again after {(writes[1] - writes[0]).TotalMilliseconds:0} ms, asked to wait 2 s");
        }
        Assert.Contains("ra-1", _influx.Requests.Last(r => r.Path == "/write").Body);
    }

    private static int WriteCount(List<TimeSpan> writes)
    {
        lock (writes)
            return writes.Count;
    }
}
