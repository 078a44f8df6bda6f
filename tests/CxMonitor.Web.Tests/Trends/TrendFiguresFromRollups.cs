using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Tests.Ingest;
using CxMonitor.Web.Tests.People;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Trends;

/// <summary>Ratings on known days, rolled up, read back by the trends API and compared with
/// sums done by hand, in the viewer's time zone.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class TrendFiguresFromRollups(InfluxdFixture influxd) : IAsyncLifetime
{
    private IngestApp _app = null!;
    private HttpClient _executive = null!;

    public async Task InitializeAsync()
    {
        _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(TrendFiguresFromRollups)));
        var terminal = await _app.ClientWithKeyAsync();
        var nov2 = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
        var nov3 = nov2.AddDays(1);
        var ratings = new List<object>();
        int[] day1 = [5, 5, 5, 5, 4, 4, 4, 4, 2, 1];
        int[] day2 = [5, 5, 5, 4, 4, 3, 3, 2, 1, 1];
        ratings.AddRange(day1.Select((s, i) => Rating($"a{i}", nov2.AddMinutes(i), s, i == 8 ? "Queue too long" : i == 9 ? "Rude staff at the till" : null, i == 8 ? ["waiting"] : i == 9 ? ["staff"] : [])));
        ratings.AddRange(day2.Select((s, i) => Rating($"b{i}", nov3.AddMinutes(i), s, null, [])));
        // 23:30 UTC on 3 November is 00:30 on 4 November in Berlin.
        ratings.Add(Rating("late", new DateTimeOffset(2026, 11, 3, 23, 30, 0, TimeSpan.Zero), 1, "The queue was endless, the QUEUE!", ["waiting"]));
        var response = await terminal.PostAsync("/api/v1/ratings", IngestApp.Json(JsonSerializer.Serialize(ratings)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(21, await _app.WaitForCountAsync("rating", 21, TimeSpan.FromSeconds(10)));
        await _app.Services.GetRequiredService<Rollups>().RollUpAsync(nov2.AddHours(-10), nov3.AddDays(1), default);
        _executive = await PeopleSignIn.AsAsync(_app.Factory, UserRoles.Executive);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static object Rating(string id, DateTimeOffset time, int score, string? comment, string[] reasons) =>
        new { id, time, scale = "csat5", score, site = "north", channel = "in-store", touchpoint = "checkout", comment, reasons };

    [Fact]
    public async Task Daily_csat_follows_the_viewers_calendar_days()
    {
        var berlin = await _executive.GetFromJsonAsync<JsonElement>("/api/v1/trends?metric=csat&scope=site:north&from=2026-11-02&to=2026-11-04&bucket=day&tz=Europe/Berlin");
        var utc = await _executive.GetFromJsonAsync<JsonElement>("/api/v1/trends?metric=csat&scope=site:north&from=2026-11-02&to=2026-11-04&bucket=day&tz=UTC");

        var points = berlin.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(["2026-11-02", "2026-11-03", "2026-11-04"], points.Select(p => p.GetProperty("start").GetString()));
        // 8 of 10, then 5 of 10 answered 4 or 5; the late rating alone is below the minimum of 10.
        Assert.Equal(80.0, points[0].GetProperty("value").GetDouble(), 6);
        Assert.Equal(50.0, points[1].GetProperty("value").GetDouble(), 6);
        Assert.Equal(10, points[1].GetProperty("n").GetInt64());
        Assert.Equal(1, points[2].GetProperty("n").GetInt64());
        Assert.Equal(JsonValueKind.Null, points[2].GetProperty("value").ValueKind);
        Assert.True(points[0].GetProperty("low").GetDouble() < 80 && points[0].GetProperty("high").GetDouble() > 80);
        Assert.Equal(11, utc.GetProperty("points")[1].GetProperty("n").GetInt64());
    }

    [Fact]
    public async Task A_week_bucket_sums_its_days_and_compares_with_the_week_before()
    {
        var week = await _executive.GetFromJsonAsync<JsonElement>("/api/v1/trends?metric=csat&scope=all&from=2026-11-02&to=2026-11-08&bucket=week&tz=Europe/Berlin");

        var point = Assert.Single(week.GetProperty("points").EnumerateArray());
        Assert.Equal(21, point.GetProperty("n").GetInt64());
        Assert.Equal(13.0 / 21 * 100, point.GetProperty("value").GetDouble(), 6);
        Assert.Equal(0, point.GetProperty("previousN").GetInt64());
        Assert.Equal("2026-10-26", week.GetProperty("previousFrom").GetString());
    }

    [Fact]
    public async Task The_league_table_names_each_site_with_its_figures()
    {
        var league = await _executive.GetFromJsonAsync<JsonElement>("/api/v1/trends/league?dimension=site&from=2026-11-02&to=2026-11-08&tz=Europe/Berlin");

        var row = Assert.Single(league.GetProperty("rows").EnumerateArray());
        Assert.Equal("north", row.GetProperty("key").GetString());
        Assert.Equal("North Store", row.GetProperty("name").GetString());
        Assert.Equal(21, row.GetProperty("n").GetInt64());
        Assert.Equal(13.0 / 21 * 100, row.GetProperty("csat").GetDouble(), 6);
    }

    [Fact]
    public async Task Drivers_count_reasons_and_words_of_negative_comments_once_per_comment()
    {
        var drivers = await _executive.GetFromJsonAsync<JsonElement>("/api/v1/trends/drivers?scope=site:north&from=2026-11-02&to=2026-11-08&tz=Europe/Berlin");

        Assert.Equal(6, drivers.GetProperty("negativeRatings").GetInt64());
        var reasons = drivers.GetProperty("reasons").EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["waiting"] = 2, ["staff"] = 1 }, reasons);
        var words = drivers.GetProperty("words").EnumerateArray().ToArray();
        Assert.Equal("queue", words[0].GetProperty("key").GetString());
        Assert.Equal(2, words[0].GetProperty("count").GetInt32());
        Assert.DoesNotContain(words, w => w.GetProperty("key").GetString() is "the" or "was");
    }

    [Fact]
    public async Task The_ratings_behind_a_point_come_newest_first_and_as_csv()
    {
        var ratings = await _executive.GetFromJsonAsync<JsonElement>("/api/v1/trends/ratings?scope=site:north&from=2026-11-02&to=2026-11-02&tz=Europe/Berlin&negative=true");
        var csv = await _executive.GetAsync("/api/v1/trends?metric=csat&scope=site:north&from=2026-11-02&to=2026-11-03&tz=Europe/Berlin&format=csv");

        Assert.Equal(2, ratings.GetArrayLength());
        Assert.Equal("Rude staff at the till", ratings[0].GetProperty("comment").GetString());
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("start,end,metric,value,low,high,n,previous_value,previous_n", lines[0]);
        Assert.StartsWith("2026-11-02,2026-11-02,csat,80,", lines[1]);
        Assert.StartsWith("2026-11-03,2026-11-03,csat,50,", lines[2]);
    }

    [Fact]
    public async Task Bad_parameters_name_the_field_and_duty_staff_may_not_see_trends()
    {
        var bad = await _executive.GetAsync("/api/v1/trends?bucket=fortnight");
        var duty = await PeopleSignIn.AsAsync(_app.Factory, UserRoles.Duty);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'bucket' must be day, week or month.", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await duty.GetAsync("/api/v1/trends")).StatusCode);
    }
}
