using System.Net;
using CxMonitor.Influx.Query;
using CxMonitor.Influx.Setup;
using CxMonitor.Testing;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>Each test runs its own influxd, because it stops it on purpose.</summary>
public sealed class IngestDurability : IAsyncLifetime
{
    private InfluxdServer _influxd = null!;

    public async Task InitializeAsync()
    {
        _influxd = await InfluxdServer.StartAsync();
        using var client = _influxd.CreateClient();
        await new InfluxV1Setup(client).EnsureDatabaseAsync("durable", null);
    }

    public async Task DisposeAsync() => await _influxd.DisposeAsync();

    [Fact]
    public async Task Influxd_killed_mid_stream_loses_nothing_acknowledged_and_counts_nothing_twice()
    {
        await using var app = new IngestApp(_influxd.Url, "durable");
        var client = await app.ClientWithKeyAsync();
        var acknowledged = 0;
        for (var batch = 0; batch < 30; batch++)
        {
            if (batch == 10)
                await _influxd.StopAsync(kill: true);
            if (batch == 20)
                await _influxd.RestartAsync();
            var items = string.Join(',', Enumerable.Range(0, 50).Select(i =>
                $$"""{"id":"k-{{batch}}-{{i}}","scale":"csat5","score":{{1 + (i % 5)}},"site":"north"}"""));
            var response = await client.PostAsync("/api/v1/ratings", IngestApp.Json($"[{items}]"));
            if (response.StatusCode == HttpStatusCode.Accepted)
                acknowledged += (await response.JsonAsync()).GetProperty("accepted").GetInt32();
            // Resend every fifth batch, as a client that lost its answer would.
            if (batch % 5 == 0)
                await client.PostAsync("/api/v1/ratings", IngestApp.Json($"[{items}]"));
        }
        Assert.Equal(1500, acknowledged);

        Assert.Equal(1500, await app.WaitForCountAsync("rating", 1500, TimeSpan.FromSeconds(30)));
        await Task.Delay(500);
        Assert.Equal(1500, await CountAsync("durable"));
        using var influx = _influxd.CreateClient();
        var distinct = await influx.GetQueryApi().QuerySeriesAsync(new InfluxQuery("SELECT count(DISTINCT id) AS n FROM rating"), "durable");
        Assert.Equal(1500L, distinct[0].GetLong(0, "n"));
    }

    [Fact]
    public async Task A_backlog_left_by_a_stopped_app_drains_after_it_starts_again()
    {
        using var folder = new TempFolder(); // shared by both starts, deleted after the second stops
        var state = folder.Sub("app");
        await using (var first = new IngestApp(_influxd.Url, "durable", state))
        {
            var client = await first.ClientWithKeyAsync();
            await _influxd.StopAsync(kill: true);
            var items = string.Join(',', Enumerable.Range(0, 200).Select(i => $$"""{"id":"b-{{i}}","scale":"nps11","score":{{i % 11}},"site":"south"}"""));
            var response = await client.PostAsync("/api/v1/ratings", IngestApp.Json($"[{items}]"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var status = await (await client.GetAsync("/api/v1/status")).JsonAsync();
            Assert.Equal(200, status.GetProperty("backlog").GetInt64());
            await first.StopAsync();
        }
        Assert.True(Directory.Exists(Path.Combine(state, "spool")), "the state folder keeps the spool for the next start");

        await _influxd.RestartAsync();
        await using var second = new IngestApp(_influxd.Url, "durable", state);
        _ = second.Services; // start it: the drainer resumes from the checkpoint
        Assert.Equal(200, await second.WaitForCountAsync("rating", 200, TimeSpan.FromSeconds(30)));
    }

    private async Task<long> CountAsync(string database)
    {
        using var influx = _influxd.CreateClient();
        var s = await influx.GetQueryApi().QuerySeriesAsync(new InfluxQuery("SELECT count(score) AS n FROM rating"), database);
        return s.Count == 0 ? 0 : s[0].GetLong(0, "n") ?? 0;
    }
}
