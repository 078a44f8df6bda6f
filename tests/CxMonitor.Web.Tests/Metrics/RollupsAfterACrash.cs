using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.Data.Sqlite;

namespace CxMonitor.Web.Tests.Metrics;

/// <summary>The app as a real process, back-filled and then killed with SIGKILL before its rollup
/// job had a chance to run: after the restart, or after <c>cxmonitor rollups rebuild</c> beside
/// the running app, every hourly and daily rollup equals the sums of the raw points.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class RollupsAfterACrash(InfluxdFixture influxd, TempFolder folder) : IClassFixture<TempFolder>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Hours_back_filled_before_a_kill_9_are_rolled_up_after_the_restart()
    {
        var db = await influxd.CreateDatabaseAsync(nameof(RollupsAfterACrash));
        var state = NewStateFolder();
        var key = await CreateKeyAsync(Settings(db, state, "01:00:00"));
        var (from, to) = BackFillRange();

        await using (var first = await CxmonitorServer.StartAsync(Settings(db, state, "01:00:00")))
        {
            // The job runs once at start; after that the next run is an hour away.
            await WaitForRollupRunsAsync(first, key, 1);
            await BackFillAsync(first.Client(key), from);
            await first.KillHardAsync();
        }
        using var influx = influxd.CreateClient();
        Assert.NotNull(await RollupAgreement.DifferenceAsync(influx, db, from, to)); // nothing rolled up yet
        Assert.Equal(Hours, BacklogRows(state)); // each back-filled hour waits in app state, once

        await using var second = await CxmonitorServer.StartAsync(Settings(db, state, "00:00:01"));

        var difference = await RollupAgreement.WaitForAgreementAsync(influx, db, from, to, Generous);
        Assert.True(difference is null, difference + "\n" + second.Output);
        await AssertHandCountsAsync(influx, db, from, to);
        await WaitForAsync(() => BacklogRows(state) == 0, "the backlog drains once the hours are rolled up");
    }

    [Fact]
    public async Task The_rebuild_command_beside_a_running_app_rolls_up_what_it_missed_and_the_app_sees_it()
    {
        var db = await influxd.CreateDatabaseAsync(nameof(RollupsAfterACrash));
        var state = NewStateFolder();
        var key = await CreateKeyAsync(Settings(db, state, "01:00:00"));
        var (from, to) = BackFillRange();
        await using (var first = await CxmonitorServer.StartAsync(Settings(db, state, "01:00:00")))
        {
            await WaitForRollupRunsAsync(first, key, 1);
            await BackFillAsync(first.Client(key), from);
            await first.KillHardAsync();
        }
        // As an older version, which kept the waiting hours in memory only, would leave it.
        ExecuteState(state, "DELETE FROM rollup_backlog");
        var settings = Settings(db, state, "00:00:01");
        await using var app = await CxmonitorServer.StartAsync(settings);
        var client = app.Client(key);
        using var influx = influxd.CreateClient();
        // The app has read (and cached) the empty rollups of those days for its 30-day window.
        await WaitForAsync(async () => await ThirtyDayNAsync(client) <= 0, "the 30-day window is computed without the back-fill");
        Assert.NotNull(await RollupAgreement.DifferenceAsync(influx, db, from, to));

        var rebuild = await CxmonitorProcess.RunAsync(["rollups", "rebuild", "--from", $"{from.AddHours(-3):yyyy-MM-dd'T'HH:mm:ss'Z'}", "--to", $"{to.AddDays(1):yyyy-MM-dd}", .. settings.Select(s => $"--{s.Key}={s.Value}")]);

        Assert.True(rebuild.ExitCode == 0, rebuild.Stderr);
        Assert.Contains(rebuild.Lines, l => l.StartsWith("[1/3] ", StringComparison.Ordinal));
        Assert.StartsWith("Done: ", rebuild.Lines[^1]);
        Assert.Null(await RollupAgreement.DifferenceAsync(influx, db, from, to));
        await AssertHandCountsAsync(influx, db, from, to);
        await WaitForAsync(async () => await ThirtyDayNAsync(client) == ExpectedRatings, "the running app drops its cached rollups of the rebuilt days");
    }

    private const int Hours = 30;
    private static readonly int ExpectedRatings = Enumerable.Range(0, Hours).Sum(PerHour);

    private static int PerHour(int hour) => 1 + (hour % 4);

    /// <summary>30 hours from 18:00 UTC ten days ago: the end of one UTC day and all of the next.</summary>
    private static (DateTimeOffset From, DateTimeOffset To) BackFillRange()
    {
        var from = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-10).AddHours(18);
        return (from, from.AddHours(Hours));
    }

    /// <summary>Per hour 1 to 4 csat5 ratings, in several requests as a back-filling importer
    /// sends them, and three reviews in the third hour.</summary>
    private static async Task BackFillAsync(HttpClient client, DateTimeOffset from)
    {
        var ratings = Enumerable.Range(0, Hours).SelectMany(h => Enumerable.Range(0, PerHour(h)).Select(i =>
            new { id = $"bf-{h}-{i}", scale = "csat5", score = 1 + ((h + i) % 5), site = "north", touchpoint = i % 2 == 0 ? "checkout" : "arrival", time = from.AddHours(h).AddMinutes(7 * i) })).ToList();
        foreach (var chunk in ratings.Chunk(17))
        {
            var response = await client.PostAsync("/api/v1/ratings", IngestApp.Json(JsonSerializer.Serialize(chunk)));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        var reviews = Enumerable.Range(0, 3).Select(i => new { platform = "maps", externalId = $"r{i}", time = from.AddHours(2).AddMinutes(i), stars = 1 + i, site = "north" });
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/v1/reviews", IngestApp.Json(JsonSerializer.Serialize(reviews)))).StatusCode);
    }

    /// <summary>The raw points themselves are what was sent, so agreement is not of two empty sides.</summary>
    private static async Task AssertHandCountsAsync(CxMonitor.Influx.InfluxDBClient influx, string db, DateTimeOffset from, DateTimeOffset to)
    {
        var raw = await RollupAgreement.RawHoursAsync(influx, db, from, to);
        Assert.Equal(Hours, raw.Count);
        for (var h = 0; h < Hours; h++)
            Assert.StartsWith($"n={PerHour(h)} ", raw[from.AddHours(h)]);
    }

    private static async Task<long> ThirtyDayNAsync(HttpClient client)
    {
        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/snapshots?scope=site:north&window=30d");
        var snapshots = body.GetProperty("snapshots");
        return snapshots.GetArrayLength() == 0 ? -1 : snapshots[0].GetProperty("n").GetInt64();
    }

    private static async Task WaitForRollupRunsAsync(CxmonitorServer server, string key, long runs)
    {
        var client = server.Client(key);
        await WaitForAsync(async () =>
        {
            var jobs = await client.GetFromJsonAsync<JsonElement>("/api/v1/jobs");
            var rollup = jobs.EnumerateArray().Single(j => j.GetProperty("name").GetString() == "Rollup");
            return rollup.GetProperty("runs").GetInt64() >= runs && !rollup.GetProperty("running").GetBoolean();
        }, "the rollup job's run at start");
    }

    private static Task WaitForAsync(Func<bool> condition, string what) => WaitForAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(200);
        }
    }

    private string NewStateFolder() => folder.NewSub();

    private Dictionary<string, string?> Settings(string db, string state, string rollupInterval) => new()
    {
        ["Influx:Url"] = influxd.Url.ToString(),
        ["Influx:Database"] = db,
        ["Influx:RollupDatabase"] = db + "_rollups",
        ["State:Directory"] = state,
        ["Ingest:Spool:MaxRetryDelay"] = "00:00:00.200",
        ["Access:KeyCacheTtl"] = "00:00:00",
        ["Jobs:Rollup:Interval"] = rollupInterval,
        ["Jobs:RollingSatisfaction:Interval"] = "00:00:01",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Sites:0:Id"] = "north",
        ["Sites:0:Name"] = "North Store",
        ["Sites:0:TimeZone"] = "Europe/Berlin",
        ["Sites:0:OpeningHours:Mon"] = "08:00-20:00",
    };

    private static async Task<string> CreateKeyAsync(Dictionary<string, string?> settings)
    {
        var result = await CliRunner.RunRawAsync(["keys", "create", "--source", "backfill", "--sites", "*", .. settings.Select(s => $"--{s.Key}={s.Value}")]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Lines[0];
    }

    private static long BacklogRows(string state) => ExecuteState(state, "SELECT count(*) FROM rollup_backlog");

    private static long ExecuteState(string state, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(state, "cxmonitor.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
