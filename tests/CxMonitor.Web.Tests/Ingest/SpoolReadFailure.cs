using System.Net;
using CxMonitor.Testing;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>What the drainer does when the spool's disk fails it (decision 0015): it skips nothing,
/// logs at critical level, turns readiness red and keeps trying. A segment file replaced by a
/// folder stands in for a disk read error; each test runs its own influxd, as it stops it.</summary>
public sealed class SpoolReadFailure : IAsyncLifetime
{
    private InfluxdServer _influxd = null!;

    public async Task InitializeAsync() => _influxd = await InfluxdServer.StartAsync();

    public async Task DisposeAsync() => await _influxd.DisposeAsync();

    [Fact]
    public async Task A_segment_that_cannot_be_read_holds_delivery_back_with_readiness_red_until_it_can_be_read_again()
    {
        await using var app = await IngestProcess.StartAsync(_influxd.Url, "unreadable", new Dictionary<string, string>
        {
            ["Ingest:Spool:SegmentBytes"] = "65536",
            ["Ingest:Spool:DrainBatchLines"] = "100",
        });
        await _influxd.StopAsync(kill: true);
        for (var segment = 0; segment < 3; segment++)
            Assert.Equal(HttpStatusCode.Accepted, (await app.PostRatingsAsync($"s{segment}", 500)).StatusCode);
        // Each request fills a segment of its own (then an empty head). The drainer reads one batch
        // ahead of the one it writes, so it may hold the first two open already (an open file
        // reads on after it is moved); the third is the one it has yet to open. The spool opens
        // the next segment just after answering, so the empty head may take a moment to appear.
        var segments = await SegmentsAsync(app.SpoolDirectory, 4);
        Assert.Equal(4, segments.Length);
        var third = segments[2];
        File.Move(third, third + ".away");
        Directory.CreateDirectory(third);

        await _influxd.RestartAsync();
        var (status, body) = await app.WaitForReadyAsync((_, b) => b.GetProperty("backlog").GetProperty("spoolError").ValueKind == System.Text.Json.JsonValueKind.String, TimeSpan.FromSeconds(60));
        Assert.True(status == HttpStatusCode.ServiceUnavailable, $"ready answered {status}: {body}\n{app.App.Log}\n{string.Join('\n', Directory.GetFileSystemEntries(app.SpoolDirectory))}");
        Assert.Contains("spool cannot be read", body.GetProperty("backlog").GetProperty("spoolError").GetString());
        // The console logger writes from a queue of its own: the line may trail readiness a little.
        var logged = System.Diagnostics.Stopwatch.StartNew();
        while (!app.App.Log.Contains("crit: CxMonitor.Web.Ingest.Spool.SpoolDrainer", StringComparison.Ordinal) && logged.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(50);
        Assert.Contains("crit: CxMonitor.Web.Ingest.Spool.SpoolDrainer", app.App.Log);
        Assert.Equal(1000, await CountAsync(1000));
        Assert.True(body.GetProperty("backlog").GetProperty("items").GetInt64() >= 500);

        Directory.Delete(third);
        File.Move(third + ".away", third);
        Assert.Equal(1500, await CountAsync(1500));
        (status, _) = await app.WaitForReadyAsync((s, _) => s == HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(Directory.Exists(Path.Combine(app.SpoolDirectory, "rejected")));
    }

    private static async Task<string[]> SegmentsAsync(string directory, int expected)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var segments = Directory.GetFiles(directory, "*.wal").Order(StringComparer.Ordinal).ToArray();
            if (segments.Length >= expected || waited.Elapsed > TimeSpan.FromSeconds(10))
                return segments;
            await Task.Delay(20);
        }
    }

    private async Task<long> CountAsync(long expected)
    {
        var reader = new IngestApp(_influxd.Url, "unreadable");
        try
        {
            return await reader.WaitForCountAsync("rating", expected, TimeSpan.FromSeconds(60));
        }
        finally
        {
            await reader.DisposeAsync();
        }
    }
}
