using System.Net;
using System.Text;
using CxMonitor.Testing;
using CxMonitor.Web.Feeds;
using CxMonitor.Web.Feeds.Sources.Webhook;
using CxMonitor.Web.Tests.Ingest;

namespace CxMonitor.Web.Tests.Feeds;

[Collection(InfluxdCollection.Name)]
public sealed class FeedPush(InfluxdFixture influxd) : IAsyncLifetime
{
    private const string Secret = "push-secret-for-tests";
    private IngestApp _app = null!;

    public async Task InitializeAsync() => _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(FeedPush)), extra: new Dictionary<string, string?>
    {
        ["Feeds:Sources:partner:Kind"] = "webhook",
        ["Feeds:Sources:partner:Site"] = "north",
        ["Feeds:Sources:partner:Platform"] = "trustpilot",
        ["Feeds:Sources:partner:Secret"] = Secret,
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Body(bool deleted = false, int stars = 1) => $$"""
        {"reviews":[{"externalId":"tp-1","time":"{{DateTimeOffset.UtcNow.AddMinutes(-3):O}}","stars":{{stars}},"text":"Never again","author":"Sam","deleted":{{(deleted ? "true" : "false")}}},
                    {"externalId":"tp-2","time":"{{DateTimeOffset.UtcNow.AddMinutes(-2):O}}","stars":7,"text":"?"}]}
        """;

    private Task<HttpResponseMessage> PushAsync(string body, long? timestamp = null, string secret = Secret)
    {
        var ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/feeds/partner/push") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(FeedsApi.TimestampHeader, ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(FeedsApi.SignatureHeader, FeedPushSignature.Sign(secret, ts, body));
        return _app.Factory.CreateClient().SendAsync(request);
    }

    [Fact]
    public async Task A_signed_push_is_taken_with_its_bad_items_named_by_field()
    {
        var response = await PushAsync(Body());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var summary = await response.JsonAsync();
        Assert.Equal(1, summary.GetProperty("new").GetInt32());
        var rejected = Assert.Single(summary.GetProperty("rejected").EnumerateArray());
        Assert.Equal("stars", rejected.GetProperty("path").GetString());
        Assert.Contains("tp-2", rejected.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_exact_same_message_sent_twice_is_refused_as_a_replay()
    {
        var body = Body();
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Assert.Equal(HttpStatusCode.Accepted, (await PushAsync(body, ts)).StatusCode);
        var replay = await PushAsync(body, ts);

        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Contains("replay", (await replay.JsonAsync()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("stale")]
    [InlineData("future")]
    [InlineData("wrong-secret")]
    [InlineData("unsigned")]
    public async Task A_push_that_is_not_signed_right_now_with_the_feed_secret_is_refused(string how)
    {
        var body = Body();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var response = how switch
        {
            "stale" => await PushAsync(body, now - 400),
            "future" => await PushAsync(body, now + 400),
            "wrong-secret" => await PushAsync(body, secret: "guess"),
            _ => await _app.Factory.CreateClient().PostAsync("/api/v1/feeds/partner/push", new StringContent(body, Encoding.UTF8, "application/json")),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(FeedsApi.SignatureHeader, (await response.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_edit_replaces_the_review_and_a_deletion_leaves_nothing_counted()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await PushAsync(Body(stars: 1), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 2)).StatusCode);
        var edit = await (await PushAsync(Body(stars: 3), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1)).JsonAsync();
        var deletion = await (await PushAsync(Body(deleted: true))).JsonAsync();

        Assert.Equal(1, edit.GetProperty("updated").GetInt32());
        Assert.Equal(1, deletion.GetProperty("updated").GetInt32());
        using var influx = influxd.CreateClient();
        for (var i = 0; i < 100; i++)
        {
            var s = await influx.GetQueryApi().QuerySeriesAsync(new Influx.Query.InfluxQuery("SELECT count(n) AS points, sum(n) AS n, sum(removed) AS removed FROM review"), _app.Database);
            if (s.Count > 0 && s[0].GetLong(0, "removed") == 1)
            {
                Assert.Equal((1L, 0L), (s[0].GetLong(0, "points")!.Value, s[0].GetLong(0, "n")!.Value));
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("the deletion never reached InfluxDB");
    }
}
