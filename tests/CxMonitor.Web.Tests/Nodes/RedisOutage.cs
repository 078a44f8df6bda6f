using System.Net;
using CxMonitor.Testing;
using CxMonitor.Web.Tests.Ingest;
using Xunit.Abstractions;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>Redis stopped for 10 s under two nodes: ratings are still acknowledged (ingest does
/// not need Redis), and once Redis is back, a wall on one node sees the other's ratings again
/// without anybody restarting anything.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RedisOutage(ClusterFixture cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task Ratings_are_taken_while_redis_is_away_and_walls_on_other_nodes_update_again_once_it_returns()
    {
        var state = await cluster.Postgres.CreateDatabaseAsync("redisout");
        var influx = "redisout_" + Guid.NewGuid().ToString("N")[..8];
        // A Redis of its own: stopping the collection's would disturb the other tests.
        await using var redis = await RedisServer.StartAsync();
        var settings = cluster.NodeSettings(state);
        settings["Live__Redis"] = redis.ConnectionString;
        await using var a = await AppProcess.StartAsync(cluster.Influxd.Url, influx, settings);
        await using var b = await AppProcess.StartAsync(cluster.Influxd.Url, influx, settings);
        var key = await a.CliAsync("keys", "create", "--source", "redis-test", "--sites", "*");
        await using var wall = LiveClientProcess.Start(b.Url, key, "all");
        wall.NextOf(TimeSpan.FromSeconds(15), "welcome");
        using var toA = new HttpClient { BaseAddress = a.Url };
        toA.DefaultRequestHeaders.Add("X-Api-Key", key);
        using var toB = new HttpClient { BaseAddress = b.Url };
        toB.DefaultRequestHeaders.Add("X-Api-Key", key);
        async Task PostAsync(HttpClient to, string comment) => Assert.Equal(HttpStatusCode.Accepted, (await to.PostAsync("/api/v1/ratings", IngestApp.Json(
            $$"""{"id":"{{Guid.NewGuid():N}}","scale":"csat5","score":4,"site":"berlin-alexanderplatz","comment":"{{comment}}"}"""))).StatusCode);

        await redis.StopAsync();
        var stoppedAt = DateTimeOffset.UtcNow;
        for (var i = 0; i < 10; i++)
        {
            await PostAsync(toA, $"during outage via A {i}");
            await PostAsync(toB, $"during outage via B {i}");
            await Task.Delay(1000);
        }
        await redis.RestartAsync();
        var restartedAt = DateTimeOffset.UtcNow;

        // Ratings to A until B's wall shows one: the backplane reconnects by itself.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var seen = false;
        for (var i = 0; !seen && DateTime.UtcNow < deadline; i++)
        {
            await PostAsync(toA, $"after outage via A {i}");
            await Task.Delay(500);
            seen = wall.Received.Any(m => m.GetProperty("type").GetString() == "ratings" && m.ToString().Contains("after outage via A", StringComparison.Ordinal));
        }
        var during = wall.Received.Count(m => m.GetProperty("type").GetString() == "ratings" && m.ToString().Contains("during outage", StringComparison.Ordinal));
        var firstAfter = wall.Received.Where(m => m.GetProperty("type").GetString() == "ratings" && m.ToString().Contains("after outage", StringComparison.Ordinal))
            .Select(m => m.GetProperty("at").GetInt64()).DefaultIfEmpty(0).Min();
        output.WriteLine($"rating messages on B's wall about ratings taken during the outage: {during}; "
            + $"first rating from A after Redis returned: {firstAfter - restartedAt.ToUnixTimeMilliseconds()} ms; outage {(restartedAt - stoppedAt).TotalSeconds:0.0} s");
        Assert.True(seen, "B's wall saw no rating from A within 30 s of Redis returning");
    }
}
