using System.Net;
using System.Text.Json;
using CxMonitor.Influx.Query;
using CxMonitor.Testing;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CxMonitor.Web.Tests.Metrics;

/// <summary>A terminal whose clock runs a few minutes ahead stamps ratings into the next hour:
/// the routine rollup (the current hour, and the previous one early in an hour) does not cover that hour, so the job must
/// roll it up from the backlog rather than count it as done.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class RollupOfHoursAhead(InfluxdFixture influxd)
{
    [Fact]
    public async Task A_rating_stamped_in_the_next_hour_is_rolled_up_before_its_row_is_dropped()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 58, 0, TimeSpan.Zero));
        var db = await influxd.CreateDatabaseAsync(nameof(RollupOfHoursAhead));
        await using var app = new IngestApp(influxd.Url, db, clock: clock, extra: new Dictionary<string, string?> { ["Jobs:Rollup:Interval"] = "01:00:00" });
        var client = await app.ClientWithKeyAsync();
        var ahead = new DateTimeOffset(2026, 11, 20, 11, 1, 0, TimeSpan.Zero);
        var rating = new { id = "ahead", scale = "csat5", score = 5, site = "north", time = ahead };
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/v1/ratings", IngestApp.Json(JsonSerializer.Serialize(new[] { rating })))).StatusCode);
        Assert.Equal(1, await app.WaitForCountAsync("rating", 1, TimeSpan.FromSeconds(60)));
        await app.WaitForSpoolDeliveredAsync();
        clock.Advance(TimeSpan.FromSeconds(30));

        await app.RunRollupAsync();

        using var influx = influxd.CreateClient();
        var rolled = await influx.GetQueryApi().QuerySeriesAsync(new InfluxQuery("SELECT sum(n) AS n FROM rating_1h WHERE time >= '2026-11-20T11:00:00Z' AND time < '2026-11-20T12:00:00Z'"), db + "_rollups");
        Assert.Equal(1L, Assert.Single(rolled).GetLong(0, "n"));
        Assert.Equal(0, app.Services.GetRequiredService<RollupBacklog>().Count);
    }
}
