using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>Terminals send one rating per request (issue 19): the answer leaves in one piece with
/// its length, and such ratings reach InfluxDB in a few deliveries rather than one per request,
/// all of them. The app runs as its own process on Kestrel, with an influxd of its own so that
/// influxd's write count is this test's alone.</summary>
public sealed class SingleRatingRequests : IAsyncLifetime
{
    private InfluxdServer _influxd = null!;

    public async Task InitializeAsync() => _influxd = await InfluxdServer.StartAsync();

    public async Task DisposeAsync() => await _influxd.DisposeAsync();

    [Fact]
    public async Task A_single_rating_is_answered_202_with_its_length_not_chunked_and_with_the_security_headers()
    {
        await using var app = await IngestProcess.StartAsync(_influxd.Url, "answers");
        var response = await app.Client.PostAsync("/api/v1/ratings", IngestApp.Json("""{"id":"one","scale":"csat5","score":4,"site":"north"}"""));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        using var json = JsonDocument.Parse(body);
        Assert.Equal(1, json.RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("duplicates").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("rejected").GetArrayLength());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());

        // A resend is a duplicate, answered the same way.
        var again = await app.Client.PostAsync("/api/v1/ratings", IngestApp.Json("""{"id":"one","scale":"csat5","score":4,"site":"north"}"""));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(1, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicates").GetInt32());
    }

    [Fact]
    public async Task Ratings_sent_one_per_request_reach_influxdb_all_of_them_in_few_deliveries()
    {
        const int ratings = 200;
        // A linger well above a request's time even on a loaded machine: with the default 50 ms, a
        // CI run whose requests took ~15 ms each delivered 58 times (over the bound of 50) although
        // the linger worked; without it, every request is a delivery of its own.
        await using var app = await IngestProcess.StartAsync(_influxd.Url, "singles", new Dictionary<string, string>
        {
            ["Ingest:Spool:DrainLinger"] = "00:00:00.500",
        });
        // One request at a time: without the drainer's linger each one is a delivery of its own.
        for (var i = 0; i < ratings; i++)
        {
            var response = await app.Client.PostAsync("/api/v1/ratings", IngestApp.Json($$"""{"id":"single-{{i}}","scale":"csat5","score":{{1 + (i % 5)}},"site":"north"}"""));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        long stored;
        while ((stored = await CountAsync(http, "singles")) < ratings && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Equal(ratings, stored);
        var writes = await WriteRequestsAsync(http, "singles");
        Assert.InRange(writes, 1, ratings / 4);
        // The status counts those lingers (the test of large requests relies on it counting).
        var status = await (await app.Client.GetAsync("/api/v1/status")).JsonAsync();
        Assert.InRange(status.GetProperty("drainLingers").GetInt64(), 1, ratings);
        // One request at a time: each 202 waited for a disk sync of its own, and each is counted
        // once, in one bucket.
        var syncs = status.GetProperty("spoolSyncs");
        Assert.Equal(ratings, syncs.GetProperty("count").GetInt64());
        Assert.Equal(ratings, syncs.GetProperty("buckets").EnumerateArray().Sum(b => b.GetProperty("count").GetInt64()));
        Assert.True(syncs.GetProperty("totalMs").GetDouble() > 0);
        Assert.True(syncs.GetProperty("p99Ms").GetDouble() >= syncs.GetProperty("p50Ms").GetDouble());
    }

    [Fact]
    public async Task Requests_of_a_thousand_ratings_are_delivered_without_lingering()
    {
        // The longest linger: a drainer that lingered after a part batch of 1,000 lines would hold
        // each next request back a whole second (it did: the benchmark's rounds ended 50 ms late).
        var app = await IngestProcess.StartAsync(_influxd.Url, "batches", new Dictionary<string, string>
        {
            ["Ingest:Spool:DrainLinger"] = "00:00:01",
        });
        await using (app)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            for (var request = 1; request <= 3; request++)
            {
                var items = string.Join(',', Enumerable.Range(0, 1000).Select(i => $$"""{"id":"batch-{{request}}-{{i}}","scale":"csat5","score":{{1 + (i % 5)}},"site":"north"}"""));
                var response = await app.Client.PostAsync("/api/v1/ratings", IngestApp.Json($"[{items}]"));
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                var acknowledged = System.Diagnostics.Stopwatch.StartNew();
                while (await CountAsync(http, "batches") < request * 1000 && acknowledged.Elapsed < TimeSpan.FromSeconds(10))
                    await Task.Delay(20);
                Assert.Equal(request * 1000, await CountAsync(http, "batches"));
                // Counted, not timed: on a loaded machine storing 1,000 ratings may itself take a second.
                var lingers = (await (await app.Client.GetAsync("/api/v1/status")).JsonAsync()).GetProperty("drainLingers").GetInt64();
                Assert.True(lingers == 0, $"the drainer lingered {lingers} time(s) by request {request} (stored after {acknowledged.ElapsedMilliseconds} ms)");
            }
        }
    }

    [Fact]
    public async Task A_stop_cuts_the_drainers_linger_short_and_delivers_what_waits()
    {
        const int ratings = 20;
        // The longest linger, and less time to deliver on stopping than that: only a linger that a
        // stop cuts short leaves time to deliver the ratings that arrived during it.
        var app = await IngestProcess.StartAsync(_influxd.Url, "stopping", new Dictionary<string, string>
        {
            ["Ingest:Spool:DrainLinger"] = "00:00:01",
            ["Ingest:Spool:ShutdownDrainTimeout"] = "00:00:00.300",
        });
        await using (app)
        {
            for (var i = 0; i < ratings; i++)
            {
                var response = await app.Client.PostAsync("/api/v1/ratings", IngestApp.Json($$"""{"id":"stop-{{i}}","scale":"csat5","score":3,"site":"north"}"""));
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }
            using var check = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            Assert.True(await CountAsync(check, "stopping") < ratings, "all ratings were delivered before the stop: the test proves nothing");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal(ratings, await CountAsync(http, "stopping"));
    }

    private async Task<long> CountAsync(HttpClient http, string database)
    {
        var answer = await http.GetFromJsonAsync<JsonElement>(new Uri(_influxd.Url, $"query?db={database}&q=" + Uri.EscapeDataString("SELECT count(score) FROM rating")));
        var result = answer.GetProperty("results")[0];
        return result.TryGetProperty("series", out var series) ? series[0].GetProperty("values")[0][1].GetInt64() : 0;
    }

    /// <summary>Write requests influxd's shards of one database took (its /debug/vars).</summary>
    private async Task<long> WriteRequestsAsync(HttpClient http, string database)
    {
        var vars = await http.GetFromJsonAsync<JsonElement>(new Uri(_influxd.Url, "debug/vars"));
        long writes = 0;
        foreach (var entry in vars.EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.Object
                && entry.Value.TryGetProperty("name", out var name) && name.GetString() == "shard"
                && entry.Value.GetProperty("tags").GetProperty("database").GetString() == database)
                writes += entry.Value.GetProperty("values").GetProperty("writeReq").GetInt64();
        }
        return writes;
    }
}
