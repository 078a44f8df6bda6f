using System.Net;
using System.Text;
using CxMonitor.Influx.Query;
using CxMonitor.Testing;

namespace CxMonitor.Web.Tests.Ingest;

[Collection(InfluxdCollection.Name)]
public sealed class RatingIngestion(InfluxdFixture influxd) : IAsyncLifetime
{
    private IngestApp _app = null!;

    public async Task InitializeAsync() =>
        _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(RatingIngestion)));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_mixed_batch_keeps_the_good_ratings_exactly_and_names_every_bad_field()
    {
        var client = await _app.ClientWithKeyAsync();
        var response = await client.PostAsync("/api/v1/ratings", IngestApp.Json("""
            [
              {"id":"m-1","time":"2026-11-22T10:00:00.123Z","scale":"csat5","score":4,"site":"north","channel":"in-store","touchpoint":"checkout","team":"tills","customer":"c-9","reasons":["wait-time","price"],"comment":"Quick, \"friendly\"\nthanks","language":"en"},
              {"id":"m-2","scale":"nps11","score":11,"site":"north"},
              {"id":"m-3","scale":"stars","score":3,"site":"north"},
              {"id":"m-4","scale":"smiley4","score":1,"site":"atlantis"},
              {"id":"m-5","scale":"nps11","score":9,"site":"south","channel":"web","colour":"red"},
              "not an object",
              {"id":"m-7","time":"yesterday","scale":"thumbs2","score":1,"site":"south"},
              {"id":"m-8","scale":"ces7","score":2.5,"site":"south"},
              {"id":"m-9","scale":"nps11","score":10,"site":"south","channel":"web"}
            ]
            """));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        Assert.Equal(0, body.GetProperty("duplicates").GetInt32());
        var rejected = body.GetProperty("rejected").EnumerateArray()
            .Select(e => (e.GetProperty("index").GetInt32(), e.GetProperty("field").GetString(), e.GetProperty("error").GetString()!)).ToList();
        Assert.Contains(rejected, r => r.Item1 == 1 && r.Item2 == "score" && r.Item3.Contains("from 0 to 10"));
        Assert.Contains(rejected, r => r.Item1 == 2 && r.Item2 == "scale" && r.Item3.Contains("csat5"));
        Assert.Contains(rejected, r => r.Item1 == 3 && r.Item2 == "site" && r.Item3.Contains("not in the site catalog"));
        Assert.Contains(rejected, r => r.Item1 == 4 && r.Item2 == "colour" && r.Item3.Contains("not a rating field"));
        Assert.Contains(rejected, r => r.Item1 == 5 && r.Item2 == "(item)");
        Assert.Contains(rejected, r => r.Item1 == 6 && r.Item2 == "time" && r.Item3.Contains("RFC 3339"));
        Assert.Contains(rejected, r => r.Item1 == 7 && r.Item2 == "score" && r.Item3.Contains("whole number"));

        Assert.Equal(2, await _app.WaitForCountAsync("rating", 2, TimeSpan.FromSeconds(10)));
        using var influx = influxd.CreateClient();
        var s = Assert.Single(await influx.GetQueryApi().QuerySeriesAsync(
            new InfluxQuery("SELECT * FROM rating WHERE id = 'm-1'"), _app.Database));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, 123, TimeSpan.Zero), s.GetTime(0));
        Assert.Equal("north", s.GetString(0, "site"));
        Assert.Equal("csat5", s.GetString(0, "scale"));
        Assert.Equal("in-store", s.GetString(0, "channel"));
        Assert.Equal("checkout", s.GetString(0, "touchpoint"));
        Assert.Equal("tills", s.GetString(0, "team"));
        Assert.Equal("test-terminal", s.GetString(0, "source"));
        Assert.Equal(4L, s.GetLong(0, "score"));
        Assert.Equal(75.0, s.GetDouble(0, "norm"));
        Assert.Equal(1L, s.GetLong(0, "sat"));
        Assert.Equal(0L, s.GetLong(0, "dis"));
        Assert.Equal(1L, s.GetLong(0, "csat_sat"));
        Assert.Equal("c-9", s.GetString(0, "customer"));
        Assert.Equal("wait-time,price", s.GetString(0, "reasons"));
        Assert.Equal("Quick, \"friendly\"\nthanks", s.GetString(0, "comment"));
        var nps = Assert.Single(await influx.GetQueryApi().QuerySeriesAsync(
            new InfluxQuery("SELECT prom, det, nps_n FROM rating WHERE id = 'm-9'"), _app.Database));
        Assert.Equal(1L, nps.GetLong(0, "prom"));
        Assert.Equal(0L, nps.GetLong(0, "det"));
    }

    [Fact]
    public async Task A_request_with_nothing_valid_is_a_400_problem_listing_the_errors()
    {
        var client = await _app.ClientWithKeyAsync();
        var response = await client.PostAsync("/api/v1/ratings", IngestApp.Json("""{"scale":"csat5","score":9}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.JsonAsync();
        var fields = body.GetProperty("rejected").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("score", fields);
        Assert.Contains("site", fields);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var client = await _app.ClientWithKeyAsync();
        var response = await client.PostAsync("/api/v1/ratings", IngestApp.Json("[{\"scale\":"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid JSON", (await response.JsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Ndjson_is_accepted_line_by_line_and_a_broken_line_costs_only_itself()
    {
        var client = await _app.ClientWithKeyAsync();
        var ndjson = new StringBuilder()
            .Append("{\"id\":\"n-1\",\"scale\":\"smiley4\",\"score\":4,\"site\":\"north\"}\n")
            .Append("{\"id\":\"n-2\",\"scale\":\"smiley4\",\"score\":\n")
            .Append("{\"id\":\"n-3\",\"scale\":\"smiley4\",\"score\":1,\"site\":\"north\"}\n")
            .ToString();
        var response = await client.PostAsync("/api/v1/ratings", new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson"));
        var body = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, body.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(body.GetProperty("rejected").EnumerateArray());
        Assert.Equal(1, rejected.GetProperty("index").GetInt32());
        Assert.Contains("line 2", rejected.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_resend_is_reported_as_duplicate_and_stored_once()
    {
        var client = await _app.ClientWithKeyAsync();
        const string batch = """[{"id":"d-1","scale":"csat5","score":5,"site":"south"},{"id":"d-2","scale":"csat5","score":1,"site":"south"}]""";
        var first = await (await client.PostAsync("/api/v1/ratings", IngestApp.Json(batch))).JsonAsync();
        var second = await (await client.PostAsync("/api/v1/ratings", IngestApp.Json(batch))).JsonAsync();
        Assert.Equal(2, first.GetProperty("accepted").GetInt32());
        Assert.Equal(0, second.GetProperty("accepted").GetInt32());
        Assert.Equal(2, second.GetProperty("duplicates").GetInt32());
    }

    [Fact]
    public async Task A_resend_after_the_id_memory_is_lost_is_recognised_from_influxdb()
    {
        var client = await _app.ClientWithKeyAsync();
        var t = DateTimeOffset.UtcNow.AddMinutes(-3).ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        var batch = $$"""[{"id":"r-1","time":"{{t}}","scale":"stars5","score":5,"site":"north"},{"id":"r-2","time":"{{t}}","scale":"stars5","score":2,"site":"north"}]""";
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/v1/ratings", IngestApp.Json(batch))).StatusCode);
        Assert.Equal(2, await _app.WaitForCountAsync("rating", 2, TimeSpan.FromSeconds(10)));
        await _app.StopAsync();
        // Everything is delivered; losing the spool folder (a new disk) loses the id memory too.
        Directory.Delete(Path.Combine(_app.StateDirectory, "spool"), recursive: true);

        var restarted = await _app.ClientWithKeyAsync();
        var again = await (await restarted.PostAsync("/api/v1/ratings", IngestApp.Json(batch))).JsonAsync();
        // Forgotten by the app, so the ratings (older than its new horizon) are looked up in InfluxDB.
        Assert.Equal((0, 2), (again.GetProperty("accepted").GetInt32(), again.GetProperty("duplicates").GetInt32()));
        await WaitForEmptyBacklogAsync(restarted);
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task A_resend_without_time_after_a_restart_is_recognised_as_a_duplicate()
    {
        var client = await _app.ClientWithKeyAsync();
        const string batch = """[{"id":"s-1","scale":"csat5","score":5,"site":"south"},{"id":"s-2","scale":"csat5","score":1,"site":"south"}]""";
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/v1/ratings", IngestApp.Json(batch))).StatusCode);
        await _app.StopAsync();

        var restarted = await _app.ClientWithKeyAsync();
        var again = await (await restarted.PostAsync("/api/v1/ratings", IngestApp.Json(batch))).JsonAsync();
        Assert.Equal(0, again.GetProperty("accepted").GetInt32());
        Assert.Equal(2, again.GetProperty("duplicates").GetInt32());
        await WaitForEmptyBacklogAsync(restarted);
        Assert.Equal(2, await CountAsync());
    }

    private static async Task WaitForEmptyBacklogAsync(HttpClient client)
    {
        for (var i = 0; i < 100; i++)
        {
            var status = await (await client.GetAsync("/api/v1/status")).JsonAsync();
            if (status.GetProperty("backlog").GetInt64() == 0)
                return;
            await Task.Delay(100);
        }
        Assert.Fail("the backlog did not drain");
    }

    private async Task<long> CountAsync()
    {
        using var influx = influxd.CreateClient();
        var n = await influx.GetQueryApi().QuerySeriesAsync(new InfluxQuery("SELECT count(score) AS n FROM rating"), _app.Database);
        return n[0].GetLong(0, "n") ?? 0;
    }
}
