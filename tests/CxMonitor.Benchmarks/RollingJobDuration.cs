using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Influx.Setup;
using CxMonitor.Influx.Write;
using CxMonitor.Testing;
using CxMonitor.Web.Data;
using CxMonitor.Web.Metrics;
using Microsoft.Extensions.Options;

namespace CxMonitor.Benchmarks;

/// <summary>Issue 4 (a): one full RollingSatisfactionJob run over 30 days of history for
/// 200 sites × 5 touchpoints at 100,000 ratings a day, InfluxDB time and our own apart; with
/// <c>--nodes 2</c> as a node of a two-node cluster, memory shared against memory off (issue 17).</summary>
internal static class RollingJobDuration
{
    private static readonly string[] Zones = ["Europe/London", "Europe/Berlin", "Europe/Kyiv", "America/New_York", "Asia/Tokyo"];
    private static readonly string[] Touchpoints = ["arrival", "checkout", "delivery", "support", "after-sales"];
    private static readonly string[] Channels = ["in-store", "web", "app"];

    public static async Task<int> RunAsync(string[] args)
    {
        var days = Figures.IntOption(args, "--days", 30);
        var perDay = Figures.IntOption(args, "--per-day", 100_000);
        var sites = Figures.IntOption(args, "--sites", 200);
        var runs = Figures.IntOption(args, "--runs", 5);
        await using var influxd = await InfluxdServer.StartAsync();
        using var influx = influxd.CreateClient();
        var setup = new InfluxV1Setup(influx);
        // As the app creates it; --shard-days compares other shard lengths.
        await setup.EnsureDatabaseAsync("rolling", TimeSpan.FromDays(400), default, TimeSpan.FromDays(Figures.IntOption(args, "--shard-days", new InfluxStorageOptions().RawShardDays)));
        await setup.EnsureDatabaseAsync("rolling_rollups", null);

        var now = DateTimeOffset.UtcNow;
        var total = days * perDay;
        var watch = Stopwatch.StartNew();
        var writer = influx.GetWriteApi("rolling", new WriteOptions { Precision = WritePrecision.Ns });
        var random = new Random(42);
        for (var i = 0; i < total; i++)
        {
            var t = now.AddSeconds(-random.NextDouble() * days * 86400);
            var score = 1 + random.Next(5);
            await writer.WritePointAsync(PointData.Measurement("rating")
                .Tag("site", $"site-{i % sites:D3}").Tag("touchpoint", Touchpoints[(i / sites) % 5]).Tag("channel", Channels[i % 3])
                .Tag("scale", "csat5").Tag("source", "bench")
                .Field("score", score).Field("norm", (score - 1) * 25.0).Field("sat", score >= 4 ? 1 : 0).Field("neu", score == 3 ? 1 : 0)
                .Field("dis", score <= 2 ? 1 : 0).Field("csat_n", 1).Field("csat_sat", score >= 4 ? 1 : 0)
                .Timestamp((t.ToUnixTimeMilliseconds() * 1_000_000) + i % 1_000_000, WritePrecision.Ns));
        }
        await writer.DisposeAsync();
        Console.WriteLine($"wrote {total:N0} ratings over {days} days in {watch.Elapsed.TotalSeconds:0} s");

        if (args.Contains("--query-costs"))
        {
            await QueryCostsAsync(influx, now);
            return 0;
        }

        watch.Restart();
        var storage = Options.Create(new InfluxStorageOptions { Url = influxd.Url, Database = "rolling", RollupDatabase = "rolling_rollups" });
        var rollups = new Rollups(influx, storage, new RollupCache(influx, storage, TimeProvider.System));
        for (var d = days + 1; d >= 0; d--)
            await rollups.RollUpAsync(now.AddDays(-d - 1), now.AddDays(-d), default);
        Console.WriteLine($"rolled up {days} days in {watch.Elapsed.TotalSeconds:0} s");

        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Influx__RollupDatabase"] = "rolling_rollups",
            ["Jobs__RollingSatisfaction__Interval"] = "01:00:00",
            ["Jobs__Rollup__Interval"] = "01:00:00",
            ["Metrics__WarmupTimeout"] = "00:05:00",
            // --memory false: every window from InfluxDB and rollups.
            ["Metrics__ShortWindowsInMemory"] = Figures.StringOption(args, "--memory") ?? "true",
        };
        for (var s = 0; s < sites; s++)
        {
            settings[$"Sites__{s}__Id"] = $"site-{s:D3}";
            settings[$"Sites__{s}__Name"] = $"Site {s}";
            settings[$"Sites__{s}__TimeZone"] = Zones[s % Zones.Length];
            foreach (var day in new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" })
                settings[$"Sites__{s}__OpeningHours__{day}"] = "08:00-22:00";
        }
        if (Figures.IntOption(args, "--nodes", 1) < 2)
        {
            await MeasureAsync("one node", influxd.Url, settings, runs, nodes: 1);
            return 0;
        }

        // --nodes 2: one node as before, then two nodes of one cluster (app state and jobs on
        // PostgreSQL, Redis) with memory fed by both nodes' shares (decision 0027), then the same
        // cluster reading every window from InfluxDB: side by side, on the same data and machine.
        var single = await MeasureAsync("one node", influxd.Url, settings, runs, nodes: 1);
        await using var postgres = await PostgresCluster.StartAsync();
        await using var redis = await RedisServer.StartAsync();
        var state = await postgres.CreateDatabaseAsync("rolling");
        settings["State__Provider"] = "PostgreSql";
        settings["State__ConnectionString"] = state;
        settings["Jobs__Storage"] = "PostgreSql";
        settings["Jobs__ConnectionString"] = state;
        settings["Live__Redis"] = redis.ConnectionString;
        settings["Metrics__ShortWindowsInMemory"] = "true";
        var shared = await MeasureAsync("two nodes, memory shared through Redis", influxd.Url, settings, runs, nodes: 2);
        settings["Metrics__ShortWindowsInMemory"] = "false";
        var fromInflux = await MeasureAsync("two nodes, every window from InfluxDB", influxd.Url, settings, runs, nodes: 2);
        Console.WriteLine($"side by side, median of {runs}: one node {single:N0} ms; two nodes, memory shared through Redis {shared:N0} ms; two nodes, from InfluxDB {fromInflux:N0} ms (target < 2,000 ms)");
        return 0;
    }

    /// <summary>Starts the node(s), runs the job on the first one <paramref name="runs"/> times
    /// after a first run that fills the caches, and returns the median run.</summary>
    private static async Task<double> MeasureAsync(string label, Uri influx, Dictionary<string, string> settings, int runs, int nodes)
    {
        var watch = Stopwatch.StartNew();
        await using var app = await AppProcess.StartAsync(influx, "rolling", settings, startSeconds: 300);
        // The start includes loading the last two days into memory (decision 0010).
        Console.WriteLine($"{label}: app started in {watch.Elapsed.TotalSeconds:0.0} s, RSS {app.RssMb():N0} MB");
        await using var other = nodes > 1 ? await AppProcess.StartAsync(influx, "rolling", settings, startSeconds: 300) : null;
        using var http = await app.AdminClientAsync();
        var totals = new List<double>();
        var influxTimes = new List<double>();
        for (var r = 0; r <= runs; r++)
        {
            var response = await http.PostAsync($"api/v1/jobs/{RollingSatisfactionJob.Name}/run", null);
            response.EnsureSuccessStatusCode();
            var status = await http.GetFromJsonAsync<JsonElement>("api/v1/status");
            var rolling = status.GetProperty("rolling");
            if (r == 0)
            {
                // The first run also computes the baselines (every 10 minutes) and fills the rollup cache.
                Console.WriteLine($"first run: {rolling.GetProperty("totalMs").GetDouble():N0} ms total, {rolling.GetProperty("influxMs").GetDouble():N0} ms fetching");
                continue;
            }
            totals.Add(rolling.GetProperty("totalMs").GetDouble());
            influxTimes.Add(rolling.GetProperty("influxMs").GetDouble());
            Console.WriteLine($"run {r}: {rolling.GetProperty("totalMs").GetDouble():N0} ms total, {rolling.GetProperty("influxMs").GetDouble():N0} ms fetching (memory, cached rollups, InfluxDB), {rolling.GetProperty("snapshots").GetInt32():N0} snapshots");
        }
        var median = Figures.Median(totals);
        var influxMedian = Figures.Median(influxTimes);
        Console.WriteLine($"{label}: median run {median:N0} ms: fetching {influxMedian:N0} ms, our own {median - influxMedian:N0} ms (target < 2,000 ms); app RSS {app.RssMb():N0} MB");
        return median;
    }

    /// <summary>Times single raw aggregations one at a time, to see where a run's time goes.</summary>
    private static async Task QueryCostsAsync(CxMonitor.Influx.InfluxDBClient influx, DateTimeOffset now)
    {
        var api = influx.GetQueryApi();
        var sites40 = Enumerable.Range(0, 40).Select(i => $"site-{i * 5:D3}").ToList();
        var cases = new (string Name, CxMonitor.Influx.Query.InfluxQuery Query)[]
        {
            ("15m, 11 fields", SatisfactionQueries.Ratings(now.AddMinutes(-15), now, Grain.Raw)),
            ("1h, 11 fields", SatisfactionQueries.Ratings(now.AddHours(-1), now, Grain.Raw)),
            ("24h, 11 fields", SatisfactionQueries.Ratings(now.AddHours(-24), now, Grain.Raw)),
            ("24h, 40 sites by regex", SatisfactionQueries.Ratings(now.AddHours(-24), now, Grain.Raw, sites40)),
            ("24h, count only", CxMonitor.Influx.Query.InfluxQL.Format($"SELECT count(score) AS n FROM rating WHERE time >= {now.AddHours(-24)} AND time < {now} GROUP BY site, channel, touchpoint")),
            ("24h, no group by", CxMonitor.Influx.Query.InfluxQL.Format($"SELECT {CxMonitor.Influx.Query.InfluxQL.Raw(SatisfactionQueries.RawRatingFields)} FROM rating WHERE time >= {now.AddHours(-24)} AND time < {now}")),
            ("29d ago, 1h", SatisfactionQueries.Ratings(now.AddDays(-29), now.AddDays(-29).AddHours(1), Grain.Raw)),
        };
        foreach (var (name, query) in cases)
        {
            var times = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                var w = Stopwatch.StartNew();
                await api.QueryAsync(query, "rolling");
                times.Add(w.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"{name,-24} median {Figures.Median(times),8:N0} ms");
        }
    }
}
