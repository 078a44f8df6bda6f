using System.Net;
using CxMonitor.Influx.Query;
using CxMonitor.Testing;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>The drainer sends the next batch while the last is still being written (decision
/// 0026, third pass); an edit of a review must still never be overtaken by the text it replaces.
/// Forty edit rounds wait in the spool while influxd is down, so that once it is back the
/// drainer has a backlog and keeps batches in flight in both lanes. Its own influxd: it stops it.</summary>
public sealed class DrainKeepsEditsInOrder : IAsyncLifetime
{
    private InfluxdServer _influxd = null!;

    public async Task InitializeAsync() => _influxd = await InfluxdServer.StartAsync();

    public async Task DisposeAsync() => await _influxd.DisposeAsync();

    [Fact]
    public async Task Reviews_edited_in_forty_rounds_end_with_their_last_text_in_influxdb()
    {
        // One request's 50 reviews fill a batch: every edit round is a batch of its own.
        await using var app = await IngestProcess.StartAsync(_influxd.Url, "edits", new Dictionary<string, string>
        {
            ["Ingest:Spool:DrainBatchLines"] = "50",
            ["Ingest:Spool:DrainParallelism"] = "2",
        });
        const int reviews = 50, rounds = 40;
        await _influxd.StopAsync(kill: true);
        for (var round = 0; round < rounds; round++)
        {
            var body = "[" + string.Join(',', Enumerable.Range(0, reviews).Select(r =>
                $$"""{"platform":"google","externalId":"g-{{r}}","time":"2026-11-20T09:00:00Z","stars":{{1 + (round % 5)}},"text":"edit {{round}}","site":"north","language":"en"}""")) + "]";
            var response = await app.Client.PostAsync("/api/v1/reviews", IngestApp.Json(body));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await _influxd.RestartAsync();

        // Every line spooled has reached InfluxDB: no earlier edit is still on its way.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await (await app.Client.GetAsync("/api/v1/status")).JsonAsync()).GetProperty("written").GetInt64() < reviews * rounds)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "the backlog was not delivered in 60 s\n" + app.App.Log);
            await Task.Delay(100);
        }
        using var influx = _influxd.CreateClient();
        var series = await influx.GetQueryApi().QuerySeriesAsync(new InfluxQuery("SELECT external_id, text FROM review"), "edits");
        var texts = series.SelectMany(s => Enumerable.Range(0, s.Rows.Count).Select(r => (Id: s.GetString(r, "external_id")!, Text: s.GetString(r, "text")!))).ToList();

        Assert.Equal(reviews, texts.Count);
        Assert.All(texts, t => Assert.Equal($"edit {rounds - 1}", t.Text));
    }
}
