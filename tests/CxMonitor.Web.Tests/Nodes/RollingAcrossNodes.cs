using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Tests.Ingest;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>The rolling job runs on whichever node is free: its figures must count the ratings
/// every node accepted: each node shares the minute totals it accepts through Redis into every
/// node's memory (decision 0027), and with memory off every window is read from InfluxDB.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RollingAcrossNodes(ClusterFixture cluster)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Ratings_sent_to_two_nodes_are_all_counted_whichever_node_runs_the_job(bool memory)
    {
        var state = await cluster.Postgres.CreateDatabaseAsync("rolling");
        var settings = cluster.NodeSettings(state);
        settings["Metrics__ShortWindowsInMemory"] = memory ? "true" : "false";
        settings["Metrics__Reconcile"] = "01:00:00"; // memory's figures come from the shares alone
        settings["Jobs__RollingSatisfaction__Interval"] = "01:00:00"; // runs by hand only, on the node asked
        var influx = "rolling_" + Guid.NewGuid().ToString("N")[..8];
        await using var a = await AppProcess.StartAsync(cluster.Influxd.Url, influx, settings);
        await using var b = await AppProcess.StartAsync(cluster.Influxd.Url, influx, settings);
        var key = await a.CliAsync("keys", "create", "--source", "rolling-test", "--sites", "*");
        using var toA = new HttpClient { BaseAddress = a.Url };
        using var toB = new HttpClient { BaseAddress = b.Url };
        toA.DefaultRequestHeaders.Add("X-Api-Key", key);
        toB.DefaultRequestHeaders.Add("X-Api-Key", key);

        var at = DateTimeOffset.UtcNow.AddMinutes(-2);
        for (var i = 0; i < 7; i++)
        {
            var time = at.AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var json = $$"""{"id":"r-{{i}}","time":"{{time}}","scale":"csat5","score":5,"site":"berlin-alexanderplatz"}""";
            var response = await (i < 3 ? toA : toB).PostAsync("/api/v1/ratings", IngestApp.Json(json));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        using var adminA = await a.AdminClientAsync();
        using var adminB = await b.AdminClientAsync();
        // Each node's spool reaches InfluxDB within a second or so: run until the count is whole.
        Assert.Equal(7, await CountAfterRunsAsync(adminA));
        Assert.Equal(7, await CountAfterRunsAsync(adminB));
    }

    /// <summary>Runs the job on this node until its 15-minute count for everything reaches 7 (or 20 s pass).</summary>
    private static async Task<long> CountAfterRunsAsync(HttpClient node)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        long n;
        do
        {
            (await node.PostAsync("api/v1/jobs/RollingSatisfaction/run", null)).EnsureSuccessStatusCode();
            var snapshots = await node.GetFromJsonAsync<JsonElement>("api/v1/snapshots?scope=all&window=15m");
            n = snapshots.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("n").GetInt64()).DefaultIfEmpty(0).Single();
            if (n >= 7)
                break;
            await Task.Delay(300);
        }
        while (DateTime.UtcNow < deadline);
        return n;
    }
}
