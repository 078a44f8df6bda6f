using CxMonitor.Testing;

namespace CxMonitor.Web.Tests.Ingest.Promises;

/// <summary>Issue 11, items 3 to 5: every acknowledged rating is one point and one count, also
/// for clients that stamp whole seconds, after a kill -9, and under concurrent resends.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class CountedOnce(InfluxdFixture influxd)
{
    private static string Rating(string id, string? time, int score = 4) => time is null
        ? $$"""{"id":"{{id}}","scale":"csat5","score":{{score}},"site":"{{CollectorProcess.Site}}","channel":"in-store","touchpoint":"checkout"}"""
        : $$"""{"id":"{{id}}","time":"{{time}}","scale":"csat5","score":{{score}},"site":"{{CollectorProcess.Site}}","channel":"in-store","touchpoint":"checkout"}""";

    private static async Task<(int, int)> AnswerAsync(HttpClient http, string json)
    {
        var (accepted, duplicates, _) = await CollectorProcess.PostAsync(http, json);
        return (accepted, duplicates);
    }

    [Fact]
    public async Task Four_thousand_ratings_of_one_series_stamped_with_one_second_are_four_thousand_points()
    {
        await using var collector = await CollectorProcess.StartAsync(influxd, "samesecond");
        using var http = collector.Client();
        var second = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        for (var batch = 0; batch < 4; batch++)
        {
            var items = string.Join(',', Enumerable.Range(0, 1000).Select(i => Rating($"same-{batch}-{i}", second)));
            var (accepted, duplicates, _) = await CollectorProcess.PostAsync(http, $"[{items}]");
            Assert.Equal((1000, 0), (accepted, duplicates));
        }
        // Resent after the fact (a client that lost its answers): each lands on nothing new.
        var resend = string.Join(',', Enumerable.Range(0, 1000).Select(i => Rating($"same-2-{i}", second)));
        Assert.Equal((0, 1000), await AnswerAsync(http, $"[{resend}]"));

        Assert.Equal(4000, await collector.StoredPointsAsync(4000, TimeSpan.FromSeconds(30)));
        Assert.Equal(4000, await collector.CountAsync("SELECT count(DISTINCT id) AS n FROM rating"));
    }

    [Fact]
    public async Task Ratings_without_time_resent_after_a_kill_9_count_once()
    {
        await using var collector = await CollectorProcess.StartAsync(influxd, "resendcrash");
        using (var http = collector.Client())
        {
            for (var batch = 0; batch < 3; batch++)
            {
                var items = string.Join(',', Enumerable.Range(0, 100).Select(i => Rating($"nt-{batch}-{i}", null)));
                Assert.Equal(100, (await CollectorProcess.PostAsync(http, $"[{items}]")).Accepted);
            }
        }
        // Half of them delivered and their segment retired, the rest still in the spool: both
        // paths must come back. Then the crash.
        await collector.StoredPointsAsync(300, TimeSpan.FromSeconds(30));
        await collector.App.KillAsync();
        await collector.RestartAsync();

        using (var http = collector.Client())
        {
            for (var batch = 0; batch < 3; batch++)
            {
                var items = string.Join(',', Enumerable.Range(0, 100).Select(i => Rating($"nt-{batch}-{i}", null)));
                Assert.Equal((0, 100), await AnswerAsync(http, $"[{items}]"));
            }
        }
        await Task.Delay(500); // nothing new should arrive; give a wrong write the chance to show
        Assert.Equal(300, await collector.StoredPointsAsync(300, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Ratings_still_in_the_spool_at_a_kill_9_are_remembered_after_it()
    {
        // InfluxDB unreachable: everything stays in the spool, then the crash.
        await using var collector = await CollectorProcess.StartAsync(influxd, "spoolcrash", new Dictionary<string, string>
        {
            ["Influx__Url"] = "http://127.0.0.1:1/",
        });
        using (var http = collector.Client())
        {
            var items = string.Join(',', Enumerable.Range(0, 200).Select(i => Rating($"sp-{i}", null)));
            Assert.Equal(200, (await CollectorProcess.PostAsync(http, $"[{items}]")).Accepted);
        }
        await collector.App.KillAsync();
        await collector.RestartAsync();
        using (var http = collector.Client())
        {
            var items = string.Join(',', Enumerable.Range(0, 200).Select(i => Rating($"sp-{i}", null)));
            Assert.Equal((0, 200), await AnswerAsync(http, $"[{items}]"));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task One_id_from_twenty_connections_at_once_is_one_point_and_one_count(bool withTime)
    {
        await using var collector = await CollectorProcess.StartAsync(influxd, "twenty");
        var time = withTime ? DateTimeOffset.UtcNow.AddSeconds(-5).ToString("yyyy-MM-ddTHH:mm:ss.fffZ") : null;
        for (var round = 0; round < 5; round++)
        {
            var body = $"[{Rating($"race-{round}", time, score: 1)}]";
            var clients = Enumerable.Range(0, 20).Select(_ => collector.Client()).ToList();
            using var start = new ManualResetEventSlim();
            var posts = clients.Select(c => Task.Run(async () =>
            {
                start.Wait();
                return await CollectorProcess.PostAsync(c, body);
            })).ToList();
            start.Set();
            var answers = await Task.WhenAll(posts);
            Assert.Equal(1, answers.Sum(a => a.Accepted));
            Assert.Equal(19, answers.Sum(a => a.Duplicates));
            clients.ForEach(c => c.Dispose());
        }
        Assert.Equal(5, await collector.StoredPointsAsync(5, TimeSpan.FromSeconds(30)));
        await Task.Delay(500);
        Assert.Equal(5, await collector.CountAsync("SELECT count(score) AS n FROM rating"));
        // What memory counted: the app's own accepted counter feeds the live figures the same way.
        using var admin = await collector.App.AdminClientAsync();
        var status = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync("api/v1/status")).RootElement;
        Assert.Equal(5, status.GetProperty("accepted").GetInt64());
        Assert.Equal(95, status.GetProperty("duplicates").GetInt64());
    }
}
