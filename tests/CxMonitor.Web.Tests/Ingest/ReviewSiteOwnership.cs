using System.Net;
using System.Text;
using CxMonitor.Testing;
using CxMonitor.Web.Feeds;
using CxMonitor.Web.Feeds.Sources.Webhook;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>A review belongs to the site it is stored under: a caller that may write another
/// site cannot edit or remove it by naming its (platform, externalId) with its own site, over
/// the API, an import or a feed push; and the refusal says nothing about where it is.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class ReviewSiteOwnership(InfluxdFixture influxd) : IAsyncLifetime
{
    private const string Secret = "ownership-push-secret";
    private IngestApp _app = null!;

    public async Task InitializeAsync() => _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(ReviewSiteOwnership)), extra: new Dictionary<string, string?>
    {
        ["Feeds:Sources:north-partner:Kind"] = "webhook",
        ["Feeds:Sources:north-partner:Site"] = "north",
        ["Feeds:Sources:north-partner:Platform"] = "google",
        ["Feeds:Sources:north-partner:Secret"] = Secret,
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Review(string id, string site, int stars, string text, bool deleted = false) =>
        $$"""[{"platform":"google","externalId":"{{id}}","time":"2026-11-20T09:00:00Z","stars":{{stars}},"text":"{{text}}","site":"{{site}}"{{(deleted ? ",\"deleted\":true" : "")}}}]""";

    /// <summary>A resend of the south review as first stored is still a duplicate: its stored
    /// content was not replaced.</summary>
    private async Task AssertSouthReviewUnchangedAsync(HttpClient south, string id)
    {
        var resend = await (await south.PostAsync("/api/v1/reviews", IngestApp.Json(Review(id, "south", 5, "Lovely staff")))).JsonAsync();
        Assert.Equal(1, resend.GetProperty("duplicates").GetInt32());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_key_of_one_site_cannot_edit_or_delete_a_review_stored_under_another(bool delete)
    {
        var id = "g-own-" + delete;
        var south = await _app.ClientWithKeyAsync("south");
        var north = await _app.ClientWithKeyAsync("north");
        Assert.Equal(1, (await (await south.PostAsync("/api/v1/reviews", IngestApp.Json(Review(id, "south", 5, "Lovely staff")))).JsonAsync()).GetProperty("accepted").GetInt32());

        var attack = await north.PostAsync("/api/v1/reviews", IngestApp.Json(Review(id, "north", 1, "Terrible", delete)));

        Assert.Equal(HttpStatusCode.Forbidden, attack.StatusCode);
        Assert.Equal("application/problem+json", attack.Content.Headers.ContentType?.MediaType);
        var body = await attack.Content.ReadAsStringAsync();
        Assert.DoesNotContain("south", body);
        await AssertSouthReviewUnchangedAsync(south, id);
    }

    [Fact]
    public async Task The_refusal_reads_like_any_other_and_the_rest_of_the_batch_is_stored()
    {
        var south = await _app.ClientWithKeyAsync("south");
        var north = await _app.ClientWithKeyAsync("north");
        await south.PostAsync("/api/v1/reviews", IngestApp.Json(Review("g-mixed", "south", 5, "Lovely staff")));

        var batch = "[" + Review("g-mixed", "north", 1, "Terrible")[1..^1] + "," + Review("g-north-own", "north", 4, "Fine")[1..^1] + "]";
        var response = await north.PostAsync("/api/v1/reviews", IngestApp.Json(batch));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var summary = await response.JsonAsync();
        Assert.Equal(1, summary.GetProperty("accepted").GetInt32());
        Assert.Equal(0, summary.GetProperty("updated").GetInt32());
        var rejected = Assert.Single(summary.GetProperty("rejected").EnumerateArray());
        Assert.Equal(0, rejected.GetProperty("index").GetInt32());
        Assert.Equal("site", rejected.GetProperty("field").GetString());
        Assert.DoesNotContain("south", rejected.GetProperty("error").GetString());
        await AssertSouthReviewUnchangedAsync(south, "g-mixed");
    }

    [Fact]
    public async Task An_import_with_a_key_of_one_site_cannot_rewrite_another_sites_review()
    {
        var south = await _app.ClientWithKeyAsync("south");
        var north = await _app.ClientWithKeyAsync("north");
        await south.PostAsync("/api/v1/reviews", IngestApp.Json(Review("g-import", "south", 5, "Lovely staff")));
        var csv = "externalId,time,stars,title,text,author,url,language,site\ng-import,2026-11-20T09:00:00Z,1,,Terrible,,,en,north\n";

        var response = await north.PostAsync("/api/v1/reviews/import?mapping=reviews-csv&platform=google", new StringContent(csv, Encoding.UTF8, "text/csv"));

        var summary = await response.JsonAsync();
        Assert.Equal(0, summary.GetProperty("updated").GetInt32());
        var rejected = Assert.Single(summary.GetProperty("rejected").EnumerateArray());
        Assert.DoesNotContain("south", rejected.GetProperty("error").GetString());
        await AssertSouthReviewUnchangedAsync(south, "g-import");
    }

    [Theory]
    [InlineData("north")] // the feed's own site: an edit of a review stored under south
    [InlineData("south")] // naming the other site outright
    public async Task A_feed_push_writes_only_its_own_site(string named)
    {
        var id = "g-push-" + named;
        var south = await _app.ClientWithKeyAsync("south");
        await south.PostAsync("/api/v1/reviews", IngestApp.Json(Review(id, "south", 5, "Lovely staff")));
        var body = $$"""{"reviews":[{"externalId":"{{id}}","time":"2026-11-20T09:00:00Z","stars":1,"text":"Terrible","site":"{{named}}"}]}""";
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/feeds/north-partner/push") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(FeedsApi.TimestampHeader, ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(FeedsApi.SignatureHeader, FeedPushSignature.Sign(Secret, ts, body));

        var summary = await (await _app.Factory.CreateClient().SendAsync(request)).JsonAsync();

        Assert.Equal(0, summary.GetProperty("updated").GetInt32());
        Assert.Equal(0, summary.GetProperty("new").GetInt32());
        Assert.Single(summary.GetProperty("rejected").EnumerateArray());
        await AssertSouthReviewUnchangedAsync(south, id);
    }
}
