using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Tests.Ingest;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>A wall that connects (or reconnects) to a node that did not run the rolling job gets
/// that node's stored snapshots first: they must be the cluster's latest run, not the node's own
/// last one, and a node that starts again must show them too.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SnapshotsAcrossNodes(ClusterFixture cluster)
{
    [Fact]
    public async Task A_node_that_did_not_run_the_job_shows_the_latest_figures_of_the_node_that_did_and_so_does_it_after_a_restart()
    {
        var state = await cluster.Postgres.CreateDatabaseAsync("snapshots");
        var settings = cluster.NodeSettings(state);
        settings["Metrics__ShortWindowsInMemory"] = "false";
        settings["Jobs__RollingSatisfaction__Interval"] = "01:00:00"; // runs by hand only, on the node asked
        var influx = "snapshots_" + Guid.NewGuid().ToString("N")[..8];
        await using var a = await AppProcess.StartAsync(cluster.Influxd.Url, influx, settings);
        await using var b = await AppProcess.StartAsync(cluster.Influxd.Url, influx, settings);
        var key = await a.CliAsync("keys", "create", "--source", "snapshots-test", "--sites", "*");
        using var toA = new HttpClient { BaseAddress = a.Url };
        toA.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var adminA = await a.AdminClientAsync();
        var at = DateTimeOffset.UtcNow.AddMinutes(-2);

        await RateAsync(toA, at, 0, 4);
        Assert.Equal(4, await CountAfterRunsAsync(adminA, 4));
        using (var adminB = await b.AdminClientAsync())
            Assert.Equal(4, await CountWithinAsync(adminB, 4, TimeSpan.FromSeconds(5)));

        // A later run on A replaces what B shows (not only the first one).
        await RateAsync(toA, at, 4, 3);
        Assert.Equal(7, await CountAfterRunsAsync(adminA, 7));
        using (var adminB = await b.AdminClientAsync())
            Assert.Equal(7, await CountWithinAsync(adminB, 7, TimeSpan.FromSeconds(5)));

        // B starts again (killed, as in a crash): before anyone runs the job, it shows A's latest run.
        await b.KillAsync();
        await b.DisposeAsync();
        await using var again = await AppProcess.StartAsync(cluster.Influxd.Url, influx, settings);
        using (var adminAgain = await again.AdminClientAsync())
            Assert.Equal(7, await CountWithinAsync(adminAgain, 7, TimeSpan.FromSeconds(5)));
    }

    private static async Task RateAsync(HttpClient node, DateTimeOffset at, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            var time = at.AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var json = $$"""{"id":"s-{{i}}","time":"{{time}}","scale":"csat5","score":5,"site":"berlin-alexanderplatz"}""";
            Assert.Equal(HttpStatusCode.Accepted, (await node.PostAsync("/api/v1/ratings", IngestApp.Json(json))).StatusCode);
        }
    }

    /// <summary>Runs the job on this node until its 15-minute count for everything reaches <paramref name="expected"/> (or 20 s pass).</summary>
    private static async Task<long> CountAfterRunsAsync(HttpClient node, long expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        long n;
        do
        {
            (await node.PostAsync("api/v1/jobs/RollingSatisfaction/run", null)).EnsureSuccessStatusCode();
            n = await CountAsync(node);
            if (n >= expected)
                break;
            await Task.Delay(300);
        }
        while (DateTime.UtcNow < deadline);
        return n;
    }

    /// <summary>What this node shows, without running anything on it, once it reaches <paramref name="expected"/> or the time is up.</summary>
    private static async Task<long> CountWithinAsync(HttpClient node, long expected, TimeSpan within)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long n;
        while ((n = await CountAsync(node)) != expected && clock.Elapsed < within)
            await Task.Delay(100);
        return n;
    }

    private static async Task<long> CountAsync(HttpClient node)
    {
        var snapshots = await node.GetFromJsonAsync<JsonElement>("api/v1/snapshots?scope=all&window=15m");
        return snapshots.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("n").GetInt64()).DefaultIfEmpty(0).Single();
    }
}
