using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Feeds;
using CxMonitor.Web.Tests.Feeds.Sources;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Feeds;

/// <summary>What a poll says when a feed answers with something other than clean reviews:
/// items it cannot read, or a web page instead of data. Recorded samples, a real platform
/// stand-in on a port, the real app and influxd.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class FeedPollingTrouble(InfluxdFixture influxd) : IAsyncLifetime
{
    private HttpStandIn _platform = null!;
    private string _db = "";

    public async Task InitializeAsync()
    {
        _platform = await HttpStandIn.StartAsync();
        _db = await influxd.CreateDatabaseAsync(nameof(FeedPollingTrouble));
    }

    public async Task DisposeAsync() => await _platform.DisposeAsync();

    private Dictionary<string, string?> Feed(string name, string preset = "google-business") => new()
    {
        [$"Feeds:Sources:{name}:Preset"] = preset,
        [$"Feeds:Sources:{name}:Url"] = new Uri(_platform.Url, "/" + name).ToString(),
        [$"Feeds:Sources:{name}:Site"] = "north",
        [$"Jobs:FeedPoll.{name}:Enabled"] = "false",
    };

    [Fact]
    public async Task An_item_the_parser_cannot_read_is_counted_as_rejected_and_shown_on_its_feed()
    {
        _platform.Handler = _ => new ScriptedResponse(200, SampleFiles.Text("google-business-unspecified.json"));
        await using var app = new IngestApp(influxd.Url, _db, extra: Feed("gbp-unspecified"));
        var admin = await People.PeopleSignIn.AsAsync(app.Factory, Access.People.UserRoles.Admin);

        var poll = await app.Services.GetRequiredService<FeedPoller>().PollAsync("gbp-unspecified", CancellationToken.None);
        var feeds = await admin.GetFromJsonAsync<JsonElement>("/api/v1/feeds");
        var state = feeds.EnumerateArray().Single(f => f.GetProperty("name").GetString() == "gbp-unspecified").GetProperty("state");

        Assert.Equal((2, 1), (poll.Intake.New, poll.Intake.RejectedCount));
        Assert.EndsWith("1 rejected", poll.Outcome);
        var rejected = Assert.Single(poll.Intake.Rejected);
        Assert.Equal("reviews[1].starRating", rejected.Path);
        Assert.Contains("STAR_RATING_UNSPECIFIED", rejected.Error);
        Assert.Equal((3L, 2L, 1L), (state.GetProperty("itemsSeen").GetInt64(), state.GetProperty("itemsNew").GetInt64(), state.GetProperty("itemsRejected").GetInt64()));
        Assert.Contains("reviews[1].starRating", state.GetProperty("lastError").GetString());
        Assert.Contains("STAR_RATING_UNSPECIFIED", state.GetProperty("lastError").GetString());
        Assert.Equal(0, state.GetProperty("failures").GetInt32());
        Assert.Equal(2, await app.WaitForCountAsync("review", 2, TimeSpan.FromSeconds(10), field: "n"));
    }

    [Theory]
    [InlineData("google-business", "text/html; charset=utf-8", "JSON")]
    [InlineData("google-business", "application/json", "JSON")]
    [InlineData("atom", "text/html", "an RSS or Atom feed")]
    public async Task An_html_page_answered_with_200_is_named_with_its_content_type_and_title(string preset, string contentType, string expected)
    {
        _platform.Handler = _ => new ScriptedResponse(200, SampleFiles.Text("maintenance-page.html"), new Dictionary<string, string> { ["Content-Type"] = contentType });
        await using var app = new IngestApp(influxd.Url, _db, extra: Feed("walled", preset));

        var poll = await app.Services.GetRequiredService<FeedPoller>().PollAsync("walled", CancellationToken.None);
        var state = await app.Services.GetRequiredService<FeedStateStore>().GetAsync("walled", CancellationToken.None);

        Assert.StartsWith("failed: ", poll.Outcome);
        var mediaType = contentType.Split(';')[0];
        Assert.Contains($"an HTML page ({mediaType}, titled 'Scheduled Maintenance | Reviews API') came back where {expected} was expected", state.LastError);
        Assert.DoesNotContain("invalid start of a value", state.LastError);
        Assert.Equal(1, state.Failures);
    }
}
