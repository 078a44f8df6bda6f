using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CxMonitor.Web.Tests;

public class IngestRateLimiting(IngestRateLimiting.App shared) : IClassFixture<IngestRateLimiting.App>
{
    [Fact]
    public async Task The_request_after_the_burst_gets_429_with_retry_after_and_the_limit_named()
    {
        // The bucket gets a token back a second after its key's first request: the three must come
        // within that second, or the third is rightly let through. On a loaded machine they may
        // not, so a slow round is done again with a fresh key (a fresh, full bucket).
        HttpResponseMessage third;
        var rounds = 0;
        while (true)
        {
            var client = shared.App.ClientWithKey(await shared.App.CreateKeyAsync());
            var burst = System.Diagnostics.Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sites")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sites")).StatusCode);
            third = await client.GetAsync("/api/v1/sites");
            if (burst.Elapsed < TimeSpan.FromSeconds(0.9))
                break;
            Assert.True(++rounds < 10, $"ten rounds of three requests each took a second or more (the last {burst.Elapsed.TotalMilliseconds:N0} ms)");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        var retryAfter = Assert.Single(third.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 2);
        var problem = await third.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("1 requests per second with bursts of 2", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Each_key_has_its_own_bucket()
    {
        var busy = shared.App.ClientWithKey(await shared.App.CreateKeyAsync());
        for (var i = 0; i < 3; i++)
            await busy.GetAsync("/api/v1/sites");

        var other = shared.App.ClientWithKey(await shared.App.CreateKeyAsync());

        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/sites")).StatusCode);
    }

    public sealed class App : SharedApp
    {
        protected override (string Key, string? Value)[] Settings =>
            [("Access:Ingest:RequestsPerSecond", "1"), ("Access:Ingest:Burst", "2")];
    }
}
