using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;

namespace CxMonitor.Benchmarks;

/// <summary>Issue 16: how late Hangfire starts 10-second jobs, and what each embedded storage
/// costs, side by side: the app as its own process with RollingSatisfaction, AlertTick, Rollup
/// and <c>--feeds</c> RSS feeds (a local stand-in) all every 10 s, on SQLite and on InMemory
/// storage in turn. A tick is due on a multiple of 10 s, so a run's delay is its start time past
/// that; the jobs API gives every run's start. CPU is the app's own; file growth is the SQLite
/// file (with its WAL) over the run, scaled to a day (Hangfire keeps finished jobs a day).</summary>
internal static class JobScheduling
{
    private const string EmptyRss = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>bench</title></channel></rss>""";

    public static async Task<int> RunAsync(string[] args)
    {
        var minutes = Figures.IntOption(args, "--minutes", 3);
        var feeds = Figures.IntOption(args, "--feeds", 10);
        var rounds = Figures.IntOption(args, "--rounds", 1);
        await using var influxd = await InfluxdServer.StartAsync();
        await using var rss = await HttpStandIn.StartAsync();
        rss.Fallback = new ScriptedResponse(200, EmptyRss, new Dictionary<string, string> { ["Content-Type"] = "application/rss+xml" });

        var results = new Dictionary<string, List<Result>>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var storage in new[] { "Sqlite", "InMemory" })
            {
                var result = await MeasureAsync(influxd.Url, rss.Url, storage, feeds, TimeSpan.FromMinutes(minutes));
                Console.WriteLine($"round {round + 1}, {storage}: {result}");
                (results.TryGetValue(storage, out var list) ? list : results[storage] = []).Add(result);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| storage | runs | delay p50 | delay p99 | max | app CPU (% of one core) | file growth per day |");
        Console.WriteLine($"|---|---|---|---|---|---|---|");
        foreach (var (storage, list) in results)
        {
            var delays = list.SelectMany(r => r.Delays).Order().ToArray();
            Console.WriteLine($"| {storage} | {delays.Length} | {Figures.Percentile(delays, 50):N0} ms | {Figures.Percentile(delays, 99):N0} ms | {delays.Max():N0} ms | "
                + $"{Figures.Median(list.Select(r => r.CpuPercent)):0.0} % | {Figures.Median(list.Select(r => r.BytesPerDay)) / 1048576:N1} MB |");
        }
        Console.WriteLine("target: p99 < 1,000 ms at 10 s intervals");
        return 0;
    }

    private sealed record Result(double[] Delays, double CpuPercent, double BytesPerDay, int Jobs)
    {
        public override string ToString()
        {
            var sorted = Delays.Order().ToArray();
            return $"{sorted.Length} runs of {Jobs} jobs, delay p50 {Figures.Percentile(sorted, 50):N0} ms, p99 {Figures.Percentile(sorted, 99):N0} ms, "
                + $"max {sorted.LastOrDefault():N0} ms; CPU {CpuPercent:0.0} % of one core; file {BytesPerDay / 1048576:N1} MB per day";
        }
    }

    private static async Task<Result> MeasureAsync(Uri influx, Uri rss, string storage, int feeds, TimeSpan duration)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Demo",
            ["Jobs__Storage"] = storage,
            ["Jobs__RollingSatisfaction__Interval"] = "00:00:10",
            ["Jobs__AlertTick__Interval"] = "00:00:10",
            ["Jobs__Rollup__Interval"] = "00:00:10",
        };
        for (var f = 0; f < feeds; f++)
        {
            settings[$"Feeds__Sources__bench-{f}__Kind"] = "rss";
            settings[$"Feeds__Sources__bench-{f}__Site"] = "london-oxford-st";
            settings[$"Feeds__Sources__bench-{f}__Platform"] = "bench";
            settings[$"Feeds__Sources__bench-{f}__Url"] = new Uri(rss, $"feed-{f}.rss").ToString();
            settings[$"Feeds__Sources__bench-{f}__Every"] = "00:00:10";
        }
        await using var app = await AppProcess.StartAsync(influx, $"jobs_{storage.ToLowerInvariant()}_{Guid.NewGuid():N}"[..24], settings);
        using var http = await app.AdminClientAsync();
        // The first ticks after start include the run at start and the warm-up of every job.
        await Task.Delay(TimeSpan.FromSeconds(15));

        var file = Path.Combine(app.StateDirectory, "jobs.db");
        var bytesBefore = FileBytes(file);
        var cpuBefore = Figures.CpuTime(app.Pid);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var seen = new HashSet<(string, DateTimeOffset)>();
        var delays = new List<double>();
        var jobs = 0;
        while (clock.Elapsed < duration)
        {
            var list = await http.GetFromJsonAsync<JsonElement>("api/v1/jobs");
            jobs = list.GetArrayLength();
            foreach (var job in list.EnumerateArray())
            {
                if (job.GetProperty("lastRunStartedAt").ValueKind == JsonValueKind.Null)
                    continue;
                var started = job.GetProperty("lastRunStartedAt").GetDateTimeOffset();
                if (!seen.Add((job.GetProperty("name").GetString()!, started)))
                    continue;
                var due = DateTimeOffset.FromUnixTimeSeconds(started.ToUnixTimeSeconds() / 10 * 10);
                delays.Add((started - due).TotalMilliseconds);
            }
            await Task.Delay(250);
        }
        var elapsed = clock.Elapsed;
        var cpu = Figures.CpuTime(app.Pid) - cpuBefore;
        var growth = FileBytes(file) - bytesBefore;
        return new Result([.. delays], cpu / elapsed * 100, growth * (TimeSpan.FromDays(1) / elapsed), jobs);
    }

    private static long FileBytes(string sqlite) =>
        new[] { sqlite, sqlite + "-wal", sqlite + "-shm" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
}
