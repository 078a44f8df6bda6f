using CxMonitor.Testing;
using CxMonitor.Web.Ingest.Ids;

namespace CxMonitor.Web.Tests.Ingest.Promises;

/// <summary>Issue 11, item 3 beyond the ledger's memory: a back-filled rating that meets the
/// millisecond and the nanosecond of a rating the ledger has forgotten still gets a point of its
/// own, and a resend of the forgotten one is still a duplicate, also after a kill -9.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class ForgottenIds(InfluxdFixture influxd)
{
    private static string Rating(string id, string time) =>
        $$"""{"id":"{{id}}","time":"{{time}}","scale":"csat5","score":3,"site":"{{CollectorProcess.Site}}","channel":"in-store","touchpoint":"checkout"}""";

    /// <summary>Two ids whose own nanoseconds within a millisecond are the same.</summary>
    private static (string A, string B) CollidingIds()
    {
        var seen = new Dictionary<ulong, string>();
        for (var i = 0; ; i++)
        {
            var id = $"c-{i}";
            var offset = StableHash.Of("floor", id) % 1_000_000;
            if (seen.TryGetValue(offset, out var other))
                return (other, id);
            seen[offset] = id;
        }
    }

    [Fact]
    public async Task A_back_fill_meeting_a_forgotten_ratings_point_gets_its_own_and_the_forgotten_resend_is_a_duplicate()
    {
        await using var collector = await CollectorProcess.StartAsync(influxd, "forgotten", new Dictionary<string, string>
        {
            ["Ingest__RememberedIds"] = "1000",
            ["Ingest__Spool__SegmentBytes"] = "65536",
        });
        // A new state folder on an InfluxDB without ratings has forgotten nothing: live ratings
        // and back-fills alike are placed from memory alone, with no question to InfluxDB.
        var horizon = Path.Combine(collector.StateDirectory, "spool", "ids", "horizon");
        Assert.Equal("none", File.ReadAllText(horizon));
        var (a, b) = CollidingIds();
        var time = DateTimeOffset.UtcNow.AddMinutes(-2).ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        using (var http = collector.Client())
        {
            Assert.Equal(1, (await CollectorProcess.PostAsync(http, $"[{Rating(a, time)}]")).Accepted);
            // Three times the memory of newer ratings: the first one is forgotten, in memory and on disk.
            for (var batch = 0; batch < 30; batch++)
            {
                var now = DateTimeOffset.UtcNow.ToString("O");
                var items = string.Join(',', Enumerable.Range(0, 100).Select(i => Rating($"f-{batch}-{i}", now)));
                Assert.Equal(100, (await CollectorProcess.PostAsync(http, $"[{items}]")).Accepted);
            }
            Assert.Equal(3001, await collector.StoredPointsAsync(3001, TimeSpan.FromSeconds(30)));
            // The journal has forgotten the first ratings: its horizon is a time, not "none".
            await WaitForAsync(() => File.Exists(horizon) && long.TryParse(File.ReadAllText(horizon), out _));

            Assert.Equal((0, 1), await AnswerAsync(http, $"[{Rating(a, time)}]"));
            Assert.Equal((1, 0), await AnswerAsync(http, $"[{Rating(b, time)}]"));
        }
        Assert.Equal(3002, await collector.StoredPointsAsync(3002, TimeSpan.FromSeconds(30)));
        Assert.Equal(3002, await collector.CountAsync("SELECT count(DISTINCT id) AS n FROM rating"));

        await collector.App.KillAsync();
        await collector.RestartAsync();
        using (var http = collector.Client())
        {
            Assert.Equal((0, 1), await AnswerAsync(http, $"[{Rating(a, time)}]"));
            Assert.Equal((0, 1), await AnswerAsync(http, $"[{Rating(b, time)}]"));
        }
        Assert.Equal(3002, await collector.CountAsync("SELECT count(score) AS n FROM rating"));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.True(condition());
    }

    private static async Task<(int, int)> AnswerAsync(HttpClient http, string json)
    {
        var (accepted, duplicates, _) = await CollectorProcess.PostAsync(http, json);
        return (accepted, duplicates);
    }
}
