using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Tests.Ingest;
using CxMonitor.Web.Tests.People;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Trends;

/// <summary>Zones whose midnight is not on a UTC hour: hourly rollups alone put a whole hour on
/// one side of midnight. Ratings five minutes either side of local midnight on 3 November 2026
/// (hand-computed instants below), and more six hours away, must land on their own local days.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class TrendDaysInOffHourZones(InfluxdFixture influxd) : IAsyncLifetime
{
    /// <summary>Local midnight starting 3 November 2026, in UTC, worked out by hand from each zone's offset that day.</summary>
    public static TheoryData<string, string, string> Zones => new()
    {
        { "Asia/Kolkata", "kolkata", "2026-11-02T18:30:00Z" },        // +05:30
        { "America/St_Johns", "st-johns", "2026-11-03T03:30:00Z" },   // -03:30 (NST since 1 November)
        { "Australia/Adelaide", "adelaide", "2026-11-02T13:30:00Z" }, // +10:30 (ACDT since 4 October)
        { "Asia/Tehran", "tehran", "2026-11-02T20:30:00Z" },          // +03:30
        { "Asia/Kathmandu", "kathmandu", "2026-11-02T18:15:00Z" },    // +05:45
    };

    private IngestApp _app = null!;
    private HttpClient _executive = null!;

    public async Task InitializeAsync()
    {
        _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(TrendDaysInOffHourZones)));
        var terminal = await _app.ClientWithKeyAsync();
        var ratings = new List<object>();
        foreach (var row in Zones)
        {
            var (touchpoint, midnight) = ((string)row[1], DateTimeOffset.Parse((string)row[2], System.Globalization.CultureInfo.InvariantCulture));
            // 2 November: 2 six hours before midnight, 3 five minutes before. 3 November: 5 five minutes after, 4 six hours after.
            ratings.AddRange(Enumerable.Range(0, 2).Select(i => Rating($"{touchpoint}-a{i}", touchpoint, midnight.AddHours(-6).AddMinutes(i))));
            ratings.AddRange(Enumerable.Range(0, 3).Select(i => Rating($"{touchpoint}-b{i}", touchpoint, midnight.AddMinutes(-5).AddSeconds(i))));
            ratings.AddRange(Enumerable.Range(0, 5).Select(i => Rating($"{touchpoint}-c{i}", touchpoint, midnight.AddMinutes(5).AddSeconds(i))));
            ratings.AddRange(Enumerable.Range(0, 4).Select(i => Rating($"{touchpoint}-d{i}", touchpoint, midnight.AddHours(6).AddMinutes(i))));
        }
        var response = await terminal.PostAsync("/api/v1/ratings", IngestApp.Json(JsonSerializer.Serialize(ratings)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(70, await _app.WaitForCountAsync("rating", 70, TimeSpan.FromSeconds(60)));
        await _app.Services.GetRequiredService<Rollups>().RollUpAsync(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 5, 0, 0, 0, TimeSpan.Zero), default);
        _executive = await PeopleSignIn.AsAsync(_app.Factory, UserRoles.Executive);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static object Rating(string id, string touchpoint, DateTimeOffset time) =>
        new { id, time, scale = "csat5", score = 5, site = "north", channel = "in-store", touchpoint };

    [Theory]
    [MemberData(nameof(Zones))]
    public async Task Each_rating_counts_on_its_own_local_day(string zone, string touchpoint, string midnight)
    {
        // The hand-computed instant agrees with the zone database the app uses.
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var local = new DateTime(2026, 11, 3, 0, 0, 0, DateTimeKind.Unspecified);
        Assert.Equal(DateTimeOffset.Parse(midnight, System.Globalization.CultureInfo.InvariantCulture), new DateTimeOffset(local, tz.GetUtcOffset(local)));

        var trend = await _executive.GetFromJsonAsync<JsonElement>($"/api/v1/trends?metric=csat&scope=touchpoint:{touchpoint}&from=2026-11-02&to=2026-11-03&bucket=day&tz={zone}");

        var points = trend.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(["2026-11-02", "2026-11-03"], points.Select(p => p.GetProperty("start").GetString()));
        Assert.Equal([5L, 9L], points.Select(p => p.GetProperty("n").GetInt64()));
    }

    [Theory]
    [MemberData(nameof(Zones))]
    public async Task The_league_of_one_local_day_counts_only_that_day(string zone, string touchpoint, string midnight)
    {
        _ = midnight;
        var league = await _executive.GetFromJsonAsync<JsonElement>($"/api/v1/trends/league?dimension=touchpoint&from=2026-11-03&to=2026-11-03&tz={zone}");

        var row = league.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == touchpoint);
        Assert.Equal(9, row.GetProperty("n").GetInt64());
    }
}
