using System.Net;
using CxMonitor.Testing;
using CxMonitor.Web.Feeds;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Feeds;

[Collection(InfluxdCollection.Name)]
public sealed class FeedPolling(InfluxdFixture influxd) : IAsyncLifetime
{
    private HttpStandIn _platform = null!;
    private string _db = "";

    public async Task InitializeAsync()
    {
        _platform = await HttpStandIn.StartAsync();
        _db = await influxd.CreateDatabaseAsync(nameof(FeedPolling));
    }

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    private Dictionary<string, string?> Feed(string name, string path, string? platform = null) => new()
    {
        [$"Feeds:Sources:{name}:Preset"] = "google-business",
        [$"Feeds:Sources:{name}:Url"] = new Uri(_platform.Url, path).ToString(),
        [$"Feeds:Sources:{name}:Site"] = "north",
        [$"Feeds:Sources:{name}:Platform"] = platform,
        [$"Feeds:Sources:{name}:Headers:Authorization"] = "Bearer test-token",
        // Polled by the test, not by the schedule, so that each step is the test's.
        [$"Jobs:FeedPoll.{name}:Enabled"] = "false",
        ["Feeds:FirstBackoff"] = "00:00:00.500",
    };

    [Fact]
    public async Task A_feed_that_answers_429_backs_off_then_takes_its_reviews_and_asks_conditionally_afterwards()
    {
        var page = GoogleReviewsPage.Of(GoogleReviewsPage.Three("b"));
        _platform.Enqueue(new ScriptedResponse(429, "slow down", new Dictionary<string, string> { ["Retry-After"] = "1" }));
        _platform.Handler = r => _platform.Requests.Count <= 1 ? null
            : r.Headers.GetValueOrDefault("If-None-Match") == "\"v1\"" ? new ScriptedResponse(304)
            : new ScriptedResponse(200, page, new Dictionary<string, string> { ["ETag"] = "\"v1\"", ["Content-Type"] = "application/json" });
        await using var app = new IngestApp(influxd.Url, _db, extra: Feed("gbp", "/v4/reviews"));
        var poller = app.Services.GetRequiredService<FeedPoller>();
        var states = app.Services.GetRequiredService<FeedStateStore>();

        var refused = await poller.PollAsync("gbp", CancellationToken.None);
        var early = await poller.PollAsync("gbp", CancellationToken.None);
        var afterRefusal = await states.GetAsync("gbp", CancellationToken.None);
        await Task.Delay(afterRefusal.RetryAt!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));
        var taken = await poller.PollAsync("gbp", CancellationToken.None);
        var again = await poller.PollAsync("gbp", CancellationToken.None);

        Assert.StartsWith("failed, retrying after 00:00:01", refused.Outcome);
        Assert.StartsWith("backing off until", early.Outcome);
        Assert.Equal((1, "429"), (afterRefusal.Failures, afterRefusal.LastError!.Split(' ')[2]));
        Assert.Equal(3, taken.Intake.New);
        Assert.Equal("not modified", again.Outcome);
        Assert.Equal(3, _platform.Requests.Count); // none while backing off
        Assert.Equal("Bearer test-token", _platform.Requests[1].Headers["Authorization"]);
        var state = await states.GetAsync("gbp", CancellationToken.None);
        Assert.Equal((0, 3L, 3L, (string?)null), (state.Failures, state.ItemsSeen, state.ItemsNew, state.RetryAt?.ToString()));
        Assert.NotNull(state.LastSuccess);
        Assert.Equal(3, await app.WaitForCountAsync("review", 3, TimeSpan.FromSeconds(10), field: "n"));
    }

    [Fact]
    public async Task Paging_stops_at_the_limit_and_resumes_from_the_cursor_after_a_restart()
    {
        _platform.Handler = r => r.Query.GetValueOrDefault("pageToken") switch
        {
            null => new ScriptedResponse(200, GoogleReviewsPage.Of(GoogleReviewsPage.Three("p1"), nextPageToken: "tok-2")),
            "tok-2" => new ScriptedResponse(200, GoogleReviewsPage.Of(GoogleReviewsPage.Three("p2"), nextPageToken: "tok-3")),
            _ => new ScriptedResponse(200, GoogleReviewsPage.Of([("p3-1", "THREE", "ok")])),
        };
        var settings = Feed("paged", "/v4/reviews?pageSize=3");
        settings["Feeds:MaxPagesPerPoll"] = "1";
        var state = Path.Combine(Path.GetTempPath(), "cxfeeds-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using (var first = new IngestApp(influxd.Url, _db, stateDirectory: state, extra: settings))
                Assert.Equal(3, (await first.Services.GetRequiredService<FeedPoller>().PollAsync("paged", CancellationToken.None)).Intake.New);
            await using var second = new IngestApp(influxd.Url, _db, stateDirectory: state, extra: settings);
            var poller = second.Services.GetRequiredService<FeedPoller>();

            var resumed = await poller.PollAsync("paged", CancellationToken.None);
            var last = await poller.PollAsync("paged", CancellationToken.None);

            Assert.Equal(3, resumed.Intake.New);
            Assert.Equal(1, last.Intake.New);
            Assert.Equal([null, "tok-2", "tok-3"], _platform.Requests.Select(r => r.Query.GetValueOrDefault("pageToken")));
            Assert.All(_platform.Requests, r => Assert.Equal("3", r.Query["pageSize"]));
            Assert.Null((await second.Services.GetRequiredService<FeedStateStore>().GetAsync("paged", CancellationToken.None)).Cursor);
            Assert.Equal(7, await second.WaitForCountAsync("review", 7, TimeSpan.FromSeconds(10), field: "n"));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task The_same_review_from_two_feeds_counts_once_and_a_broken_feed_holds_up_no_other()
    {
        var page = GoogleReviewsPage.Of(GoogleReviewsPage.Three("twice"));
        _platform.Handler = r => r.Path == "/broken" ? new ScriptedResponse(200, "<html>maintenance</html>") : new ScriptedResponse(200, page);
        var settings = Feed("maps", "/a");
        foreach (var (k, v) in Feed("maps-copy", "/b"))
            settings[k] = v;
        foreach (var (k, v) in Feed("broken", "/broken"))
            settings[k] = v;
        await using var app = new IngestApp(influxd.Url, _db, extra: settings);
        var admin = await People.PeopleSignIn.AsAsync(app.Factory, Access.People.UserRoles.Admin);
        var poller = app.Services.GetRequiredService<FeedPoller>();

        var broken = await poller.PollAsync("broken", CancellationToken.None);
        var first = await poller.PollAsync("maps", CancellationToken.None);
        var second = await poller.PollAsync("maps-copy", CancellationToken.None);
        var list = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(admin, "/api/v1/feeds");
        var byName = list.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);

        Assert.StartsWith("failed: ", broken.Outcome);
        Assert.Equal((3, 0), (first.Intake.New, first.Intake.Duplicates));
        Assert.Equal((0, 3), (second.Intake.New, second.Intake.Duplicates));
        Assert.Contains("an HTML page (application/json, without a title) came back where JSON was expected", byName["broken"].GetProperty("state").GetProperty("lastError").GetString());
        Assert.Equal("google", byName["maps"].GetProperty("platform").GetString());
        Assert.DoesNotContain("test-token", list.GetRawText());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientWithKeyAsync()).GetAsync("/api/v1/feeds")).StatusCode);
        Assert.Equal(3, await app.WaitForCountAsync("review", 3, TimeSpan.FromSeconds(10), field: "n"));
    }
}
