using CxMonitor.Testing;
using CxMonitor.Web.Tests.Ingest;

namespace CxMonitor.Web.Tests.Metrics;

/// <summary>The hub on a real port with a real SignalR client (Node).</summary>
[Collection(InfluxdCollection.Name)]
public sealed class LivePush(InfluxdFixture influxd) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private IngestApp _app = null!;

    public async Task InitializeAsync() =>
        _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(LivePush)), port: FreePort.Next(),
            extra: new Dictionary<string, string?> { ["Jobs:RollingSatisfaction:Interval"] = "00:00:01" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_client_that_connects_late_gets_the_current_state_first_then_live_ratings()
    {
        var client = await _app.ClientWithKeyAsync();
        var ratings = string.Join(',', Enumerable.Range(0, 12).Select(i => $$"""{"id":"l{{i}}","scale":"csat5","score":5,"site":"north"}"""));
        await client.PostAsync("/api/v1/ratings", IngestApp.Json($"[{ratings}]"));
        await _app.WaitForCountAsync("rating", 12, Wait);
        await WaitForSnapshotAsync(client, 12);

        await using var live = LiveClientProcess.Start(_app.BaseAddress, _app.LastKey!, "all", "site:north");
        var first = live.NextOf(Wait, "snapshots", "ratings");
        Assert.Equal("snapshots", first.GetProperty("type").GetString());
        var data = first.GetProperty("data");
        Assert.True(data.GetProperty("full").GetBoolean());
        Assert.True(data.GetProperty("seq").GetInt64() > 0);
        var all15 = data.GetProperty("snapshots").EnumerateArray().Single(s => s.GetProperty("scope").GetString() == "all" && s.GetProperty("window").GetString() == "15m");
        Assert.Equal(12, all15.GetProperty("n").GetInt64());
        Assert.Equal(100.0, all15.GetProperty("csat").GetDouble());

        await client.PostAsync("/api/v1/ratings", IngestApp.Json("""[{"id":"l-new","scale":"smiley4","score":1,"site":"north","comment":"Too slow"}]"""));
        var activity = live.NextOf(Wait, "ratings").GetProperty("data");
        Assert.Equal(1, activity.GetProperty("count").GetInt32());
        Assert.Equal(1, activity.GetProperty("negatives").GetInt32());
        Assert.Equal("Too slow", activity.GetProperty("latest")[0].GetProperty("comment").GetString());
        Assert.True(activity.GetProperty("seq").GetInt64() > data.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task Negative_recent_reviews_reach_the_ticker_and_old_or_happy_ones_do_not()
    {
        var client = await _app.ClientWithKeyAsync();
        await using var live = LiveClientProcess.Start(_app.BaseAddress, _app.LastKey!, "site:north");
        live.NextOf(Wait, "welcome");
        var now = DateTimeOffset.UtcNow;

        var body = $$"""
            [{"platform":"maps","externalId":"old","time":"{{now.AddDays(-3):O}}","stars":1,"site":"north","text":"Old news"},
             {"platform":"maps","externalId":"happy","time":"{{now.AddMinutes(-1):O}}","stars":5,"site":"north","text":"Lovely"},
             {"platform":"maps","externalId":"angry","time":"{{now.AddMinutes(-1):O}}","stars":2,"site":"north","title":"Cold food","text":"{{new string('x', 400)}}"}]
            """;
        await client.PostAsync("/api/v1/reviews", IngestApp.Json(body));

        var activity = live.NextOf(Wait, "reviews").GetProperty("data");
        Assert.Equal("site:north", activity.GetProperty("scope").GetString());
        Assert.Equal(1, activity.GetProperty("count").GetInt32());
        var review = activity.GetProperty("latest")[0];
        Assert.Equal("Cold food", review.GetProperty("title").GetString());
        Assert.Equal(280, review.GetProperty("text").GetString()!.Length);
    }

    [Fact]
    public async Task A_client_that_reconnects_after_a_server_restart_gets_the_current_state_first()
    {
        var client = await _app.ClientWithKeyAsync();
        var ratings = string.Join(',', Enumerable.Range(0, 10).Select(i => $$"""{"id":"r{{i}}","scale":"csat5","score":4,"site":"south"}"""));
        await client.PostAsync("/api/v1/ratings", IngestApp.Json($"[{ratings}]"));
        await _app.WaitForCountAsync("rating", 10, Wait);
        await using var live = LiveClientProcess.Start(_app.BaseAddress, _app.LastKey!, "site:south");
        live.NextOf(Wait, "snapshots");

        await _app.StopAsync();
        live.NextOf(Wait, "reconnecting");
        _ = _app.Services; // the same app starts again on the same port and state
        live.NextOf(Wait, "reconnected");
        var first = live.NextOf(Wait, "snapshots", "ratings");
        Assert.Equal("snapshots", first.GetProperty("type").GetString());
        Assert.True(first.GetProperty("data").GetProperty("full").GetBoolean());
        var day = first.GetProperty("data").GetProperty("snapshots").EnumerateArray().Single(s => s.GetProperty("window").GetString() == "24h");
        Assert.Equal(10, day.GetProperty("n").GetInt64());
    }

    private static async Task WaitForSnapshotAsync(HttpClient client, long n)
    {
        for (var i = 0; i < 200; i++)
        {
            var body = await (await client.GetAsync("/api/v1/snapshots?scope=all&window=15m")).JsonAsync();
            var snapshots = body.GetProperty("snapshots");
            if (snapshots.GetArrayLength() > 0 && snapshots[0].GetProperty("n").GetInt64() >= n)
                return;
            await Task.Delay(100);
        }
        Assert.Fail("no snapshot with the ratings was computed");
    }
}
