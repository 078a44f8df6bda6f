using System.Net;
using CxMonitor.Testing;

namespace CxMonitor.Web.Tests.Ingest;

[Collection(InfluxdCollection.Name)]
public sealed class IngestAccess(InfluxdFixture influxd) : IAsyncLifetime
{
    private const string OneRating = """{"scale":"csat5","score":5,"site":"north"}""";
    private IngestApp _app = null!;

    public async Task InitializeAsync() =>
        _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(IngestAccess)), extra: new Dictionary<string, string?>
        {
            ["Access:Ingest:RequestsPerSecond"] = "1",
            ["Access:Ingest:Burst"] = "3",
            ["Ingest:MaxBodyBytes"] = "4096",
        });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Without_a_key_the_answer_is_401_problem()
    {
        var response = await _app.Factory.CreateClient().PostAsync("/api/v1/ratings", IngestApp.Json(OneRating));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("X-Api-Key", (await response.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_wrong_key_is_401()
    {
        var client = _app.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "cxk_aaaaaaaaaa_not-the-secret");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/v1/ratings", IngestApp.Json(OneRating))).StatusCode);
    }

    [Fact]
    public async Task A_key_scoped_to_another_site_is_403_problem()
    {
        var client = await _app.ClientWithKeyAsync("south");
        var response = await client.PostAsync("/api/v1/ratings", IngestApp.Json(OneRating));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Contains("may not write site 'north'", body.GetProperty("rejected")[0].GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_key_over_its_rate_gets_429_with_retry_after()
    {
        // Six requests against a bucket of three that gets a token back every second: they must come
        // within three seconds of the key's first request, or every one is rightly let through. On
        // a loaded machine they may not, so a slow round is done again with a fresh key.
        List<HttpStatusCode> statuses;
        HttpResponseMessage? limited;
        for (var rounds = 1; ; rounds++)
        {
            var client = await _app.ClientWithKeyAsync();
            statuses = [];
            limited = null;
            var burst = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < 6; i++)
            {
                var r = await client.PostAsync("/api/v1/ratings", IngestApp.Json(OneRating));
                statuses.Add(r.StatusCode);
                if (r.StatusCode == HttpStatusCode.TooManyRequests)
                    limited ??= r;
            }
            if (burst.Elapsed < TimeSpan.FromSeconds(2.9))
                break;
            Assert.True(rounds < 10, $"ten rounds of six requests each took three seconds or more (the last {burst.Elapsed.TotalMilliseconds:N0} ms)");
        }
        Assert.Equal(HttpStatusCode.Accepted, statuses[0]);
        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_problem()
    {
        var client = await _app.ClientWithKeyAsync();
        var big = "[" + string.Join(',', Enumerable.Repeat(OneRating, 200)) + "]";
        var response = await client.PostAsync("/api/v1/ratings", IngestApp.Json(big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
