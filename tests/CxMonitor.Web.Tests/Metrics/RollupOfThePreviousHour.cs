using System.Net;
using System.Text.Json;
using CxMonitor.Core.Ratings;
using CxMonitor.Influx.Query;
using CxMonitor.Testing;
using CxMonitor.Web.Ingest;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CxMonitor.Web.Tests.Metrics;

/// <summary>The routine rollup rewrites the previous hour only in the first minutes of an hour;
/// after that a point for it is rolled up because the backlog names its hour, not because every
/// run rescans two hours of raw points (decision 0026, sixth pass).</summary>
[Collection(InfluxdCollection.Name)]
public sealed class RollupOfThePreviousHour(InfluxdFixture influxd)
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_previous_hour_is_rescanned_within_the_grace_and_after_it_only_when_a_rating_arrives_for_it()
    {
        var clock = new FakeTimeProvider(Nine.AddMinutes(65)); // 10:05, within the grace
        var db = await influxd.CreateDatabaseAsync(nameof(RollupOfThePreviousHour));
        await using var app = new IngestApp(influxd.Url, db, clock: clock, extra: new Dictionary<string, string?> { ["Jobs:Rollup:Interval"] = "01:00:00" });
        var client = await app.ClientWithKeyAsync();

        // Points only InfluxDB knows of (no backlog row): only a rescan of 09:00 can count them.
        await WriteAroundTheAppAsync(db, "around-1", Nine.AddMinutes(30));
        await app.RunRollupAsync();
        Assert.Equal(1, await RolledUpAtNineAsync(db));

        await WriteAroundTheAppAsync(db, "around-2", Nine.AddMinutes(31));
        clock.Advance(RollupJob.PreviousHourGrace); // 10:15
        await app.RunRollupAsync();
        Assert.Equal(1, await RolledUpAtNineAsync(db)); // not rescanned: nothing came for it through the app

        // A late rating through the app names its hour in the backlog: the whole hour is rewritten.
        var late = new { id = "late", scale = "csat5", score = 2, site = "north", time = Nine.AddMinutes(32) };
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/v1/ratings", IngestApp.Json(JsonSerializer.Serialize(new[] { late })))).StatusCode);
        Assert.Equal(3, await app.WaitForCountAsync("rating", 3, TimeSpan.FromSeconds(60)));
        await app.WaitForSpoolDeliveredAsync();
        clock.Advance(TimeSpan.FromSeconds(30));
        await app.RunRollupAsync();

        Assert.Equal(3, await RolledUpAtNineAsync(db));
        Assert.Equal(0, app.Services.GetRequiredService<RollupBacklog>().Count);
    }

    [Theory]
    [InlineData("2026-11-20T10:00:00Z", "2026-11-20T09:00:00Z")]
    [InlineData("2026-11-20T10:09:59Z", "2026-11-20T09:00:00Z")]
    [InlineData("2026-11-20T10:10:00Z", "2026-11-20T10:00:00Z")]
    [InlineData("2026-11-20T10:59:59Z", "2026-11-20T10:00:00Z")]
    public void The_routine_span_starts_at_the_previous_hour_only_within_the_grace(string now, string from) =>
        Assert.Equal(DateTimeOffset.Parse(from), RollupJob.RoutineFrom(DateTimeOffset.Parse(now)));

    /// <summary>A rating point as the app would write it, posted to InfluxDB directly.</summary>
    private async Task WriteAroundTheAppAsync(string db, string id, DateTimeOffset time)
    {
        var lines = new RatingLines();
        var rating = new ValidRating(id, time, RatingScale.Csat5, 5, RatingScales.Classify(RatingScale.Csat5, 5), "north",
            "in-store", "checkout", "test", null, null, [], null, null);
        lines.Append(rating, time.ToUnixTimeMilliseconds() * 1_000_000);
        using var http = new HttpClient();
        var response = await http.PostAsync(new Uri(influxd.Url, $"write?db={db}"), new ByteArrayContent(lines.Written.ToArray()));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private async Task<long> RolledUpAtNineAsync(string db)
    {
        using var influx = influxd.CreateClient();
        var rolled = await influx.GetQueryApi().QuerySeriesAsync(new InfluxQuery("SELECT sum(n) AS n FROM rating_1h WHERE time >= '2026-11-20T09:00:00Z' AND time < '2026-11-20T10:00:00Z'"), db + "_rollups");
        return rolled.Count == 0 ? 0 : rolled[0].GetLong(0, "n") ?? 0;
    }
}
