using CxMonitor.Testing;
using CxMonitor.Web.Metrics.Recent;
using CxMonitor.Web.Tests.Ingest;
using CxMonitor.Web.Tests.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>Each node's memory of the last two days counts every node's accepted ratings, shared
/// through Redis, and converges to what InfluxDB holds when shares are missed or doubled
/// (decision 0027): every cell of every node's memory is compared with InfluxDB.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MemoryAcrossNodes(ClusterFixture cluster)
{
    private static readonly (string Scale, int Max, int Min)[] Scales =
        [("csat5", 5, 1), ("nps11", 10, 0), ("ces7", 7, 1), ("smiley4", 4, 1), ("stars5", 5, 1), ("thumbs2", 1, 0)];

    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Every_cell_of_both_nodes_memory_equals_InfluxDB_after_a_mixed_load_on_two_nodes_by_sharing_alone()
    {
        var (a, b, influx) = await StartTwoAsync("mixed", cluster.Redis.ConnectionString, reconcile: "01:00:00");
        await using var _ = a;
        await using var __ = b;
        var toA = await a.ClientWithKeyAsync();
        var toB = await b.ClientWithKeyAsync();
        // A node that starts under load may subscribe late or first hear the other late, and
        // rightly asks for a reload then: the claim below is about the load, so it starts once
        // each node hears the other and no reload is pending.
        var passesBefore = await SharingAsync(a, b);
        var now = DateTimeOffset.UtcNow;
        var ratings = Enumerable.Range(0, 600).Select(i => Rating($"m{i}", i, i % 4 == 0 ? null : now.AddMinutes(-(i % 300)).AddMilliseconds(-(i % 7)))).ToList();
        // Half to each node in batches, every batch resent to its node (counted once there), the
        // first batches from eight connections at once.
        var batches = ratings.Chunk(50).Select(c => "[" + string.Join(',', c) + "]").ToList();
        for (var i = 0; i < batches.Count; i++)
        {
            var node = i % 2 == 0 ? toA : toB;
            await PostAsync(node, "/api/v1/ratings", batches[i]);
            await Task.WhenAll(Enumerable.Range(0, i < 2 ? 8 : 1).Select(_ => node.PostAsync("/api/v1/ratings", IngestApp.Json(batches[i]))));
        }
        // Reviews new, edited and deleted, each on one node.
        for (var i = 0; i < 20; i++)
        {
            var node = i % 2 == 0 ? toA : toB;
            var t = now.AddMinutes(-i * 7).ToString("O");
            await PostAsync(node, "/api/v1/reviews", $$"""{"platform":"maps","externalId":"v{{i}}","time":"{{t}}","stars":{{1 + (i % 5)}},"text":"Great visit, friendly staff","site":"north"}""");
            if (i % 3 == 0)
                await PostAsync(node, "/api/v1/reviews", $$"""{"platform":"maps","externalId":"v{{i}}","time":"{{t}}","text":"Terrible. The courier never came and nobody answered.","site":"north"}""");
            if (i % 5 == 0)
                await PostAsync(node, "/api/v1/reviews", $$"""{"platform":"maps","externalId":"v{{i}}","time":"{{t}}","deleted":true,"site":"north"}""");
        }

        Assert.Equal(600, await a.WaitForCountAsync("rating", 600, Converge));
        await a.WaitForSpoolDeliveredAsync();
        await b.WaitForSpoolDeliveredAsync();
        var (from, to) = (now.AddHours(-6), now.AddMinutes(2));
        Assert.Equal(600, (await MemoryComparison.StoredAsync(a, from, to)).Values.Sum(t => t.Ratings));
        AssertEqual("a", await MemoryComparison.WaitUntilEqualAsync(a, from, to, Converge));
        AssertEqual("b", await MemoryComparison.WaitUntilEqualAsync(b, from, to, Converge));
        // Shares alone did it: no reload from InfluxDB ran on either node.
        foreach (var (name, node, before) in new[] { ("a", a, passesBefore[0]), ("b", b, passesBefore[1]) })
        {
            var reconciliation = node.Services.GetRequiredService<RecentTotalsReconciliation>();
            Assert.True(reconciliation.Passes == before && !reconciliation.FullPending, $"Node {name} reloaded from InfluxDB: " + string.Join("; ", reconciliation.Requested));
        }
        Assert.True(a.Services.GetRequiredService<SharedRecentTotals>().Messages.Received > 0);
    }

    [Fact]
    public async Task A_rating_sent_to_both_nodes_and_a_review_edited_on_the_other_node_are_counted_once_after_reconciliation()
    {
        var (a, b, influx) = await StartTwoAsync("twice", cluster.Redis.ConnectionString, reconcile: "00:00:02");
        await using var _ = a;
        await using var __ = b;
        var toA = await a.ClientWithKeyAsync();
        var toB = await b.ClientWithKeyAsync();
        var now = DateTimeOffset.UtcNow;
        // A client retry through nginx that lands on the other node: same id, same time.
        var twice = "[" + string.Join(',', Enumerable.Range(0, 40).Select(i => Rating($"t{i}", i, now.AddMinutes(-4 - i % 10)))) + "]";
        await PostAsync(toA, "/api/v1/ratings", twice);
        await PostAsync(toB, "/api/v1/ratings", twice);
        var t = now.AddMinutes(-6).ToString("O");
        await PostAsync(toA, "/api/v1/reviews", $$"""{"platform":"maps","externalId":"e1","time":"{{t}}","stars":5,"text":"Great visit","site":"south"}""");
        await Task.Delay(500); // the edit must come after the first version, as a person's would
        await PostAsync(toB, "/api/v1/reviews", $$"""{"platform":"maps","externalId":"e1","time":"{{t}}","stars":1,"text":"Terrible, nobody answered.","site":"south"}""");

        Assert.Equal(40, await a.WaitForCountAsync("rating", 40, Converge));
        var (from, to) = (now.AddHours(-1), now.AddMinutes(2));
        AssertEqual("a", await MemoryComparison.WaitUntilEqualAsync(a, from, to, Converge));
        AssertEqual("b", await MemoryComparison.WaitUntilEqualAsync(b, from, to, Converge));
        Assert.Equal(40, MemoryComparison.InMemory(a, from, to).Values.Sum(c => c.Ratings));
    }

    [Fact]
    public async Task A_busy_cells_ratings_sent_to_both_nodes_are_counted_once_after_a_reconciliation_that_reads_per_minute_sums()
    {
        var (a, b, _) = await StartTwoAsync("busytwice", cluster.Redis.ConnectionString, reconcile: "00:00:02");
        await using var nodeA = a;
        await using var nodeB = b;
        var now = DateTimeOffset.UtcNow;
        // One cell, 150 ratings within the 15 minutes a periodic reload reads, every one taken by
        // both nodes: memory holds 300, more than 8 a minute, so the reload reads sums.
        var twice = "[" + string.Join(',', Enumerable.Range(0, 150).Select(i =>
            $$"""{"id":"busy{{i}}","scale":"nps11","score":{{i % 11}},"site":"north","channel":"web","touchpoint":"checkout","time":"{{now.AddMinutes(-3 - i % 9).AddSeconds(-i % 50):O}}"}""")) + "]";
        await PostAsync(await a.ClientWithKeyAsync(), "/api/v1/ratings", twice);
        await PostAsync(await b.ClientWithKeyAsync(), "/api/v1/ratings", twice);

        Assert.Equal(150, await a.WaitForCountAsync("rating", 150, Converge));
        // A full reload at start (points) may set memory right first: what a summed reload leaves
        // is checked once both nodes have done one.
        foreach (var node in new[] { a, b })
        {
            var reconciliation = node.Services.GetRequiredService<RecentTotalsReconciliation>();
            var since = reconciliation.SummedPasses;
            var deadline = DateTime.UtcNow + Converge;
            while (reconciliation.SummedPasses < since + 1 && DateTime.UtcNow < deadline)
                await Task.Delay(100);
            Assert.True(reconciliation.SummedPasses > since, "no reload read per-minute sums");
        }
        var (from, to) = (now.AddHours(-1), now.AddMinutes(2));
        // The other node's share of the same ratings may land after a node's summed pass (CI,
        // 2026-11-27: node a at 300); the next pass, 2 s on, sets it right.
        AssertEqual("a", await MemoryComparison.WaitUntilEqualAsync(a, from, to, Converge));
        AssertEqual("b", await MemoryComparison.WaitUntilEqualAsync(b, from, to, Converge));
        Assert.Equal(150, MemoryComparison.InMemory(a, from, to).Values.Sum(c => c.Ratings));
    }

    [Fact]
    public async Task Figures_converge_to_InfluxDB_after_Redis_was_away_without_a_restart()
    {
        await using var redis = await RedisServer.StartAsync();
        var (a, b, influx) = await StartTwoAsync("outage", redis.ConnectionString, reconcile: "01:00:00");
        await using var _ = a;
        await using var __ = b;
        var toA = await a.ClientWithKeyAsync();
        var toB = await b.ClientWithKeyAsync();
        var now = DateTimeOffset.UtcNow;
        var (from, to) = (now.AddHours(-1), now.AddMinutes(2));
        await PostAsync(toA, "/api/v1/ratings", Batch("before", 20, now.AddMinutes(-5)));
        AssertEqual("b", await MemoryComparison.WaitUntilEqualAsync(b, from, to, Converge));

        var reloadsOfB = b.Services.GetRequiredService<RecentTotalsReconciliation>();
        var passesBefore = reloadsOfB.Passes;
        await redis.StopAsync();
        await PostAsync(toA, "/api/v1/ratings", Batch("during-a", 30, now.AddMinutes(-6)));
        await PostAsync(toB, "/api/v1/ratings", Batch("during-b", 10, now.AddMinutes(-7)));
        Assert.Equal(60, await a.WaitForCountAsync("rating", 60, Converge));
        await Task.Delay(1000); // shares would have arrived by now; none can
        // Without shares B's memory lacks A's ratings, unless a reload B had been asked for earlier
        // (a late subscription under load) ran meanwhile and read them from InfluxDB: also the
        // promise, so the difference is required only when no reload ran (read after the diff).
        var differences = MemoryComparison.Differences(MemoryComparison.InMemory(b, from, to), await MemoryComparison.StoredAsync(b, from, to));
        Assert.True(differences.Any() || reloadsOfB.Passes > passesBefore, "B's memory equals InfluxDB during the outage without a reload: shares got through a stopped Redis?");

        await redis.RestartAsync();
        AssertEqual("a", await MemoryComparison.WaitUntilEqualAsync(a, from, to, TimeSpan.FromSeconds(30)));
        AssertEqual("b", await MemoryComparison.WaitUntilEqualAsync(b, from, to, TimeSpan.FromSeconds(30)));
        Assert.Equal(60, MemoryComparison.InMemory(b, from, to).Values.Sum(c => c.Ratings));
    }

    [Fact]
    public async Task A_node_started_while_Redis_is_away_takes_ratings_and_agrees_once_Redis_is_back()
    {
        await using var redis = await RedisServer.StartAsync();
        await redis.StopAsync();
        var (a, b, influx) = await StartTwoAsync("late", redis.ConnectionString, reconcile: "01:00:00");
        await using var _ = a;
        await using var __ = b;
        var now = DateTimeOffset.UtcNow;
        var (from, to) = (now.AddHours(-1), now.AddMinutes(2));
        await PostAsync(await a.ClientWithKeyAsync(), "/api/v1/ratings", Batch("a", 20, now.AddMinutes(-5)));
        await PostAsync(await b.ClientWithKeyAsync(), "/api/v1/ratings", Batch("b", 10, now.AddMinutes(-6)));
        Assert.Equal(30, await a.WaitForCountAsync("rating", 30, Converge));

        await redis.RestartAsync();
        // Either node may miss the other's first share: its first connection, begun while Redis
        // was away, may complete only now, and then subscribes after the other node's share went
        // out. It must reload all the same (this failed in CI on 2026-11-27, node b's memory
        // holding its own 10 ratings only).
        AssertEqual("a", await MemoryComparison.WaitUntilEqualAsync(a, from, to, TimeSpan.FromSeconds(30)), a);
        AssertEqual("b", await MemoryComparison.WaitUntilEqualAsync(b, from, to, TimeSpan.FromSeconds(30)), b);
        Assert.Equal(30, MemoryComparison.InMemory(a, from, to).Values.Sum(c => c.Ratings));
        // And not by luck: each node, cut off from its start, asked for a reload once connected.
        foreach (var (name, node) in new[] { ("a", a), ("b", b) })
            Assert.True(node.Services.GetRequiredService<RecentTotalsReconciliation>().Requested.Count > 0, $"node {name} never asked for a reload after Redis came back");
    }

    [Fact]
    public async Task A_restarted_node_agrees_with_the_node_that_kept_running()
    {
        var (a, b, influx) = await StartTwoAsync("restart", cluster.Redis.ConnectionString, reconcile: "01:00:00");
        await using var _ = a;
        await using var __ = b;
        var toA = await a.ClientWithKeyAsync();
        var now = DateTimeOffset.UtcNow;
        var (from, to) = (now.AddHours(-3), now.AddMinutes(2));
        await PostAsync(await b.ClientWithKeyAsync(), "/api/v1/ratings", Batch("b", 25, now.AddMinutes(-90)));
        await b.StopAsync();
        await PostAsync(toA, "/api/v1/ratings", Batch("a", 35, now.AddMinutes(-30)));
        Assert.Equal(60, await a.WaitForCountAsync("rating", 60, Converge));

        var toB = await b.ClientWithKeyAsync(); // starts B again on its state folder: warm-up from InfluxDB
        await PostAsync(toB, "/api/v1/ratings", Batch("b-again", 15, now.AddMinutes(-1)));
        Assert.Equal(75, await a.WaitForCountAsync("rating", 75, Converge));
        AssertEqual("a", await MemoryComparison.WaitUntilEqualAsync(a, from, to, Converge));
        AssertEqual("b", await MemoryComparison.WaitUntilEqualAsync(b, from, to, Converge));
        Assert.Equal(75, MemoryComparison.InMemory(b, from, to).Values.Sum(c => c.Ratings));
    }

    private async Task<(IngestApp A, IngestApp B, string Influx)> StartTwoAsync(string name, string redis, string reconcile)
    {
        var state = await cluster.Postgres.CreateDatabaseAsync(name);
        var settings = cluster.NodeSettings(state).ToDictionary(p => p.Key.Replace("__", ":"), p => (string?)p.Value);
        settings["Live:Redis"] = redis;
        settings["Metrics:Reconcile"] = reconcile;
        var influx = name + "_" + Guid.NewGuid().ToString("N")[..8];
        var a = new IngestApp(cluster.Influxd.Url, influx, extra: settings);
        var b = new IngestApp(cluster.Influxd.Url, influx, extra: settings);
        _ = a.Services;
        _ = b.Services;
        return (a, b, influx);
    }

    /// <summary>Waits until every node has heard another node's share and has no reload pending;
    /// returns each node's reload passes by then.</summary>
    private static async Task<long[]> SharingAsync(params IngestApp[] nodes)
    {
        var deadline = DateTime.UtcNow + Converge;
        bool Ready(IngestApp n) =>
            n.Services.GetRequiredService<SharedRecentTotals>().Messages.Received > 0 && !n.Services.GetRequiredService<RecentTotalsReconciliation>().FullPending;
        while (!nodes.All(Ready) && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.True(nodes.All(Ready), "The nodes do not hear each other's shares, or a reload stays pending: " +
            string.Join(" | ", nodes.Select(n => string.Join("; ", n.Services.GetRequiredService<RecentTotalsReconciliation>().Requested))));
        return [.. nodes.Select(n => n.Services.GetRequiredService<RecentTotalsReconciliation>().Passes)];
    }

    private static string Rating(string id, int i, DateTimeOffset? time)
    {
        var (scale, max, min) = Scales[i % Scales.Length];
        var at = time is { } t ? $",\"time\":\"{t:O}\"" : "";
        return $$"""{"id":"{{id}}","scale":"{{scale}}","score":{{min + (i % (max - min + 1))}},"site":"{{(i % 3 == 0 ? "north" : "south")}}","channel":"{{(i % 2 == 0 ? "web" : "in-store")}}","touchpoint":"tp{{i % 4}}"{{at}}}""";
    }

    private static string Batch(string prefix, int count, DateTimeOffset time) =>
        "[" + string.Join(',', Enumerable.Range(0, count).Select(i => Rating($"{prefix}{i}", i, time.AddSeconds(-i)))) + "]";

    /// <param name="app">When given, the message names the reloads the node asked for and ran.</param>
    private static void AssertEqual(string node, List<string> differences, IngestApp? app = null)
    {
        var reloads = app?.Services.GetRequiredService<RecentTotalsReconciliation>() is { } r
            ? $" after {r.Passes} reloads (asked for: {string.Join("; ", r.Requested)})" : "";
        Assert.True(differences.Count == 0, $"Node {node}'s memory differs from InfluxDB{reloads}:\n" + string.Join('\n', differences));
    }

    private static async Task PostAsync(HttpClient client, string path, string json)
    {
        var answer = await client.PostAsync(path, IngestApp.Json(json));
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
    }
}
