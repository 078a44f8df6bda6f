using CxMonitor.Influx.Query;
using CxMonitor.Testing;
using CxMonitor.Web.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Ingest;

[Collection(InfluxdCollection.Name)]
public sealed class ReviewTextSignals(InfluxdFixture influxd) : IAsyncLifetime
{
    private IngestApp _app = null!;

    public async Task InitializeAsync() =>
        _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(ReviewTextSignals)));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_review_is_stored_as_plain_text_with_its_language_sentiment_and_topics()
    {
        var client = await _app.ClientWithKeyAsync();
        var accepted = new List<ValidReview>();
        _app.Services.GetRequiredService<IngestEvents>().ReviewsAccepted += accepted.AddRange;
        var now = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O");

        var response = await client.PostAsync("/api/v1/reviews", IngestApp.Json($$"""
            [{"platform":"web","externalId":"t-1","time":"{{now}}","text":"<p>Ужасный сервис, кассир <b>грубый</b>.</p><p>Пишите: anna@example.org</p>","site":"north"},
             {"platform":"web","externalId":"t-2","time":"{{now}}","stars":4,"text":"Not bad at all, friendly staff","site":"north"}]
            """));

        Assert.Equal(2, (await response.JsonAsync()).GetProperty("accepted").GetInt32());
        await _app.WaitForCountAsync("review", 2, TimeSpan.FromSeconds(10), field: "n");
        using var influx = influxd.CreateClient();
        var rows = Assert.Single(await influx.GetQueryApi().QuerySeriesAsync(
            new InfluxQuery("SELECT external_id, \"text\", language, sentiment, scored, neg, topics FROM review ORDER BY time"), _app.Database));
        var byId = Enumerable.Range(0, rows.Rows.Count).ToDictionary(r => rows.GetString(r, "external_id")!);

        var angry = byId["t-1"];
        Assert.Equal("Ужасный сервис, кассир грубый.\n\nПишите: anna@example.org", rows.GetString(angry, "text"));
        Assert.Equal("ru", rows.GetString(angry, "language"));
        Assert.True(rows.GetDouble(angry, "sentiment") <= -0.5);
        Assert.Equal((1L, 1L), (rows.GetLong(angry, "scored")!.Value, rows.GetLong(angry, "neg")!.Value));
        Assert.Equal("staff", rows.GetString(angry, "topics"));
        var fine = byId["t-2"];
        Assert.Equal("en", rows.GetString(fine, "language"));
        Assert.True(rows.GetDouble(fine, "sentiment") > 0);
        Assert.Equal(0L, rows.GetLong(fine, "neg") ?? 0); // a first version leaves zeros out

        // Strongly negative text without stars is a negative review for the ticker and rules.
        Assert.Contains(accepted, r => r.ExternalId == "t-1" && r.IsNegative);
    }
}
