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
    public async Task A_node_cut_off_from_Redis_never_shares_late_what_it_took_meanwhile_and_the_other_node_reloads_it()
    {
        await using var redis = await RedisServer.StartAsync();
        // Node b reaches Redis only through a gate, closed from its start: b takes ratings while
        // its first connection is still being tried, for up to a minute here, so the gate opens
        // while it is (the release before sent what it held then: CI, 2026-11-27, 40 of 30).
        await using var gate = TcpGate.Start(redis.Port, open: false);
        var (a, b, _) = await StartTwoAsync("cutoff", redis.ConnectionString, reconcile: "01:00:00", redisOfB: gate.Address);
        await using var nodeA = a;
        await using var nodeB = b;
        await using var listener = await ShareListener.StartAsync(redis.ConnectionString);
        var idOfA = a.Services.GetRequiredService<SharedRecentTotals>().Node;
        await listener.WaitForAsync(m => m.Node == idOfA, "a share of node a");
        var now = DateTimeOffset.UtcNow;
        var (from, to) = (now.AddHours(-1), now.AddMinutes(2));

        await PostAsync(await b.ClientWithKeyAsync(), "/api/v1/ratings", Batch("cut", 10, now.AddMinutes(-5)));
        Assert.Equal(10, await a.WaitForCountAsync("rating", 10, Converge));
        gate.Open();
        var idOfB = b.Services.GetRequiredService<SharedRecentTotals>().Node;
        var first = await listener.WaitForAsync(m => m.Node == idOfB, "a share of node b once its gate opened");
        AssertEqual("a", await MemoryComparison.WaitUntilEqualAsync(a, from, to, TimeSpan.FromSeconds(30)), a);
        AssertEqual("b", await MemoryComparison.WaitUntilEqualAsync(b, from, to, TimeSpan.FromSeconds(30)), b);
        Assert.Equal(10, MemoryComparison.InMemory(a, from, to).Values.Sum(c => c.Ratings));
        // Not by luck: b dropped the batch it took cut off, rather than sending it once connected,
        // where a reload on a that had already read those ratings would count them twice.
        Assert.True(first.Sequence > 1, $"node b's first share heard is number {first.Sequence}: nothing was skipped");
        Assert.Equal(0, listener.RatingsFrom(idOfB));
        Assert.True(b.Services.GetRequiredService<SharedRecentTotals>().Dropped > 0);

        // Connected, b shares; then cut off in the middle of its run, it drops what it takes
        // meanwhile, and a reloads once b is heard again.
        await PostAsync(await b.ClientWithKeyAsync(), "/api/v1/ratings", Batch("on", 5, now.AddMinutes(-6)));
        await listener.WaitForAsync(_ => listener.RatingsFrom(idOfB) == 5, "b's share of 5 ratings");
        AssertEqual("a", await MemoryComparison.WaitUntilEqualAsync(a, from, to, Converge), a);
        var requestedBefore = a.Services.GetRequiredService<RecentTotalsReconciliation>().Requested.Count;
        gate.Close();
        await PostAsync(await b.ClientWithKeyAsync(), "/api/v1/ratings", Batch("cut-again", 7, now.AddMinutes(-7)));
        Assert.Equal(22, await a.WaitForCountAsync("rating", 22, Converge));
        var lastHeard = listener.LastFrom(idOfB);
        gate.Open();
        await listener.WaitForAsync(m => m.Node == idOfB && m.Sequence > lastHeard, "a share of node b after the second cut");
        AssertEqual("a", await MemoryComparison.WaitUntilEqualAsync(a, from, to, TimeSpan.FromSeconds(30)), a);
        Assert.Equal(22, MemoryComparison.InMemory(a, from, to).Values.Sum(c => c.Ratings));
        Assert.Equal(5, listener.RatingsFrom(idOfB));
        Assert.True(a.Services.GetRequiredService<RecentTotalsReconciliation>().Requested.Count > requestedBefore, "node a never asked for a reload after b's gap");
    }

    [Fact]
    public async Task A_share_held_up_by_a_stalled_connection_is_dropped_not_counted_twice_after_the_other_nodes_reload()
    {
        await using var stalled = await StalledAsync("stall");
        var (a, b, listener, idOfB) = (stalled.A, stalled.B, stalled.Listener, stalled.IdOfB);
        // Node a no longer hears b's heartbeats: b's loop waits in a publish, and the ratings below
        // wait behind it.
        var sharedOfA = a.Services.GetRequiredService<SharedRecentTotals>();
        await WaitUntilAsync(() => sharedOfA.OthersDeliveredBefore() == DateTimeOffset.MaxValue, "node a still hears node b through a stalled gate");
        await stalled.TakeReloadAndOpenAsync();
        // The release before sent the batch behind the publish that hung, and a counted b's 5 twice.
        Assert.Equal(0, listener.RatingsFrom(idOfB));
    }

    [Fact]
    public async Task A_share_on_its_way_through_a_stalled_connection_while_the_other_node_reloads_is_counted_once()
    {
        // Redis's answers time out after the default 5 s here: a node must go on sharing after one.
        await using var stalled = await StalledAsync("stallflight");
        // Ratings right as the stall begins: their share leaves b within 200 ms and waits in the
        // gate (or, if b's loop already waits in a heartbeat, behind it): either way it may reach a
        // after a's reload read them. Then b's next share follows a skipped number, and a reloads
        // (the release before did not: a held 10).
        await stalled.TakeReloadAndOpenAsync();
    }

    [Fact]
    public async Task A_node_whose_share_times_out_on_a_stalled_connection_goes_on_sharing()
    {
        // Redis's answers time out after the default 5 s: a timeout is not a RedisException, and
        // escaped the share loop, which stopped the node.
        await using var stalled = await StalledAsync("stalltimeout", longTimeouts: false);
        var sharedOfB = stalled.B.Services.GetRequiredService<SharedRecentTotals>();
        await WaitUntilAsync(() => sharedOfB.Unsent > 0, "no publish of node b timed out");
        stalled.Gate.Open();
        var now = DateTimeOffset.UtcNow;
        await PostAsync(await stalled.B.ClientWithKeyAsync(), "/api/v1/ratings", Batch("after", 3, now.AddMinutes(-3)));
        await stalled.Listener.WaitForAsync(_ => stalled.Listener.RatingsFrom(stalled.IdOfB) == 3, "node b's share of 3 ratings after the timeout");
        AssertEqual("a", await MemoryComparison.WaitUntilEqualAsync(stalled.A, now.AddHours(-1), now.AddMinutes(2), Converge), stalled.A);
    }

    /// <summary>Two nodes sharing, b through a gate that is stalled on return.</summary>
    /// <param name="longTimeouts">b's commands wait for Redis as long as the stall lasts, not the
    /// 5 s default, so its share loop stays held up in one publish.</param>
    private async Task<Stalled> StalledAsync(string name, bool longTimeouts = true)
    {
        var redis = await RedisServer.StartAsync();
        var gate = TcpGate.Start(redis.Port, open: true);
        var (a, b, _) = await StartTwoAsync(name, redis.ConnectionString, reconcile: "01:00:00", redisOfB: gate.Address + (longTimeouts ? ",asyncTimeout=60000,syncTimeout=60000" : ""));
        var listener = await ShareListener.StartAsync(redis.ConnectionString);
        var stalled = new Stalled(redis, gate, a, b, listener, b.Services.GetRequiredService<SharedRecentTotals>().Node);
        await SharingAsync(a, b);
        gate.Stall();
        return stalled;
    }

    private sealed record Stalled(RedisServer Redis, TcpGate Gate, IngestApp A, IngestApp B, ShareListener Listener, Guid IdOfB) : IAsyncDisposable
    {
        /// <summary>5 ratings to b; once InfluxDB holds them a reload on a (another node's gap would
        /// ask for one) reads them; then the gate opens. Node a must end with 5.</summary>
        /// <param name="before">What to wait for before the gate opens.</param>
        public async Task TakeReloadAndOpenAsync(Func<Task>? before = null)
        {
            var now = DateTimeOffset.UtcNow;
            var (from, to) = (now.AddHours(-1), now.AddMinutes(2));
            var lastHeard = Listener.LastFrom(IdOfB);
            await PostAsync(await B.ClientWithKeyAsync(), "/api/v1/ratings", Batch("held", 5, now.AddMinutes(-6)));
            Assert.Equal(5, await A.WaitForCountAsync("rating", 5, Converge));
            var reconciliation = A.Services.GetRequiredService<RecentTotalsReconciliation>();
            var passes = reconciliation.Passes;
            reconciliation.RequestFull("the test: another node's gap");
            await WaitUntilAsync(() => reconciliation.Passes > passes, "node a did not reload");
            Assert.Equal(5, MemoryComparison.InMemory(A, from, to).Values.Sum(c => c.Ratings));
            passes = reconciliation.Passes;
            if (before is not null)
                await before();

            Gate.Open();
            // What was held lands, then b's shares go on after a skipped number: a reloads again.
            await Listener.WaitForAsync(m => m.Node == IdOfB && m.Sequence >= lastHeard + 3, "node b's shares after the stall");
            await WaitUntilAsync(() => reconciliation.Passes > passes && !reconciliation.FullPending,
                $"node a did not reload after b's gap and holds {MemoryComparison.InMemory(A, from, to).Values.Sum(c => c.Ratings)} ratings of 5 (asked for: {string.Join("; ", reconciliation.Requested)})");
            AssertEqual("a", await MemoryComparison.WaitUntilEqualAsync(A, from, to, Converge), A);
            Assert.Equal(5, MemoryComparison.InMemory(A, from, to).Values.Sum(c => c.Ratings));
        }

        public async ValueTask DisposeAsync()
        {
            await Listener.DisposeAsync();
            await A.DisposeAsync();
            await B.DisposeAsync();
            await Gate.DisposeAsync();
            await Redis.DisposeAsync();
        }
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

    /// <param name="redisOfB">Where node b finds Redis, if not where a does (a <see cref="TcpGate"/>).</param>
    private async Task<(IngestApp A, IngestApp B, string Influx)> StartTwoAsync(string name, string redis, string reconcile, string? redisOfB = null)
    {
        var state = await cluster.Postgres.CreateDatabaseAsync(name);
        var settings = cluster.NodeSettings(state).ToDictionary(p => p.Key.Replace("__", ":"), p => (string?)p.Value);
        settings["Live:Redis"] = redis;
        settings["Metrics:Reconcile"] = reconcile;
        var influx = name + "_" + Guid.NewGuid().ToString("N")[..8];
        var a = new IngestApp(cluster.Influxd.Url, influx, extra: settings);
        var b = new IngestApp(cluster.Influxd.Url, influx, extra: new Dictionary<string, string?>(settings) { ["Live:Redis"] = redisOfB ?? redis });
        _ = a.Services;
        _ = b.Services;
        return (a, b, influx);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Converge;
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.True(condition(), failure);
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
