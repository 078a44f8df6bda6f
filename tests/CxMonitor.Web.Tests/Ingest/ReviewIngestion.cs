using System.Net;
using CxMonitor.Influx.Query;
using CxMonitor.Testing;

namespace CxMonitor.Web.Tests.Ingest;

[Collection(InfluxdCollection.Name)]
public sealed class ReviewIngestion(InfluxdFixture influxd) : IAsyncLifetime
{
    private IngestApp _app = null!;

    public async Task InitializeAsync() =>
        _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(ReviewIngestion)));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_review_edited_twice_and_resent_counts_once_with_its_last_text()
    {
        var client = await _app.ClientWithKeyAsync();
        string Review(int stars, string text) =>
            $$"""[{"platform":"google","externalId":"g-42","time":"2026-11-20T09:00:00Z","stars":{{stars}},"title":"Visit","text":"{{text}}","author":"Ann","url":"https://example.org/r/42","site":"north","language":"en"}]""";

        var first = await (await client.PostAsync("/api/v1/reviews", IngestApp.Json(Review(2, "Slow service")))).JsonAsync();
        var resend = await (await client.PostAsync("/api/v1/reviews", IngestApp.Json(Review(2, "Slow service")))).JsonAsync();
        var edit1 = await (await client.PostAsync("/api/v1/reviews", IngestApp.Json(Review(3, "Slow, but they apologised")))).JsonAsync();
        var edit2 = await (await client.PostAsync("/api/v1/reviews", IngestApp.Json(Review(4, "They called me back. Better now.")))).JsonAsync();

        Assert.Equal(1, first.GetProperty("accepted").GetInt32());
        Assert.Equal(1, resend.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, edit1.GetProperty("updated").GetInt32());
        Assert.Equal(1, edit2.GetProperty("updated").GetInt32());
        await WaitForTextAsync("They called me back. Better now.");
        using var influx = influxd.CreateClient();
        var s = Assert.Single(await influx.GetQueryApi().QuerySeriesAsync(
            new InfluxQuery("SELECT count(n) AS n, sum(stars) AS stars, sum(neg) AS neg FROM review"), _app.Database));
        Assert.Equal(1L, s.GetLong(0, "n"));
        Assert.Equal(4L, s.GetLong(0, "stars"));
        Assert.Equal(0L, s.GetLong(0, "neg"));
    }

    [Fact]
    public async Task Review_fields_are_checked_by_name()
    {
        var client = await _app.ClientWithKeyAsync();
        var response = await client.PostAsync("/api/v1/reviews", IngestApp.Json(
            """[{"platform":"Google Maps","stars":6,"url":"ftp://x","site":"north"}]"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = (await response.JsonAsync()).GetProperty("rejected").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Equal(["platform", "externalId", "stars", "url"], fields);
    }

    private async Task WaitForTextAsync(string text)
    {
        using var influx = influxd.CreateClient();
        for (var i = 0; i < 100; i++)
        {
            var s = await influx.GetQueryApi().QuerySeriesAsync(new InfluxQuery("SELECT last(text) AS t FROM review"), _app.Database);
            if (s.Count > 0 && s[0].GetString(0, "t") == text)
                return;
            await Task.Delay(100);
        }
        Assert.Fail($"the review text never became '{text}'");
    }
}
