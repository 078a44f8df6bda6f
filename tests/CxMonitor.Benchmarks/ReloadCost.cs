using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Text;
using CxMonitor.Testing;
using CxMonitor.Web.Data;
using CxMonitor.Web.Metrics.Recent;
using Microsoft.Extensions.Options;

namespace CxMonitor.Benchmarks;

/// <summary>What the periodic reconciliation's reload of 15 minutes costs (decision 0027) at a
/// high rate: the same 15 minutes of points (default 900,000: 1,000 ratings/s over 1,000 cells)
/// read as per-minute sums beside read point by point, in alternating rounds: wall time, influxd
/// CPU and the items handed to memory, and which of the two reconciliation would choose
/// (<see cref="RecentTotalsLoader.ReadsBySums"/>). Try <c>--points 15000</c> for a quiet site.</summary>
internal static class ReloadCost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var points = Figures.IntOption(args, "--points", 900_000);
        var cells = Figures.IntOption(args, "--cells", 1_000);
        var rounds = Figures.IntOption(args, "--rounds", 5);
        await using var influxd = await InfluxdServer.StartAsync();
        const string Db = "reload";
        using var http = new HttpClient { BaseAddress = influxd.Url, Timeout = TimeSpan.FromMinutes(5) };
        (await http.PostAsync($"query?q={Uri.EscapeDataString($"CREATE DATABASE {Db}")}", null)).EnsureSuccessStatusCode();

        var now = DateTimeOffset.UtcNow;
        var to = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var from = to.AddMinutes(-15);
        var spanNs = (to - from).Ticks * 100;
        var written = Stopwatch.StartNew();
        for (var start = 0; start < points; start += 10_000)
        {
            var lines = new StringBuilder();
            for (var i = start; i < Math.Min(points, start + 10_000); i++)
            {
                var cell = i % cells;
                var score = 1 + i % 5;
                var t = from.ToUnixTimeMilliseconds() * 1_000_000 + (long)i * spanNs / points;
                lines.Append(CultureInfo.InvariantCulture,
                    $"rating,site=site-{cell % 200:D3},channel={(cell / 200 % 2 == 0 ? "web" : "in-store")},touchpoint=tp{cell / 400},source=bench score={score}i,norm={(score - 1) * 25.0},sat={(score >= 4 ? 1 : 0)}i,neu={(score == 3 ? 1 : 0)}i,dis={(score <= 2 ? 1 : 0)}i,csat_n=1i,csat_sat={(score >= 4 ? 1 : 0)}i {t}\n");
            }
            using var answer = await http.PostAsync($"write?db={Db}", new StringContent(lines.ToString()));
            if (!answer.IsSuccessStatusCode)
                throw new InvalidOperationException($"influxd refused a write: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }
        Console.WriteLine($"{points:N0} points over 15 minutes in {cells:N0} cells written in {written.Elapsed.TotalSeconds:N1} s");

        using var client = influxd.CreateClient();
        var loader = new RecentTotalsLoader(client, Options.Create(new InfluxStorageOptions { Url = influxd.Url, Database = Db }));
        var sums = new List<(double Ms, double Cpu)>();
        var pointwise = new List<(double Ms, double Cpu)>();
        for (var round = 1; round <= rounds; round++)
        {
            var a = await TimeAsync(influxd, () => loader.LoadAsync(from, to, bySums: true, default));
            var b = await TimeAsync(influxd, () => loader.LoadAsync(from, to, bySums: false, default));
            if (a.Ratings != b.Ratings || a.Ratings != points)
                throw new InvalidOperationException($"the two reads disagree: {a.Ratings} and {b.Ratings} ratings of {points}");
            Console.WriteLine($"round {round}: per-minute sums {a.Ms,8:N0} ms, influxd {a.Cpu,6:N0} ms CPU, {a.Items,9:N0} items   point by point {b.Ms,8:N0} ms, influxd {b.Cpu,6:N0} ms CPU, {b.Items,9:N0} items");
            sums.Add((a.Ms, a.Cpu));
            pointwise.Add((b.Ms, b.Cpu));
        }
        var (sumMs, pointMs) = (Figures.Median(sums.Select(s => s.Ms)), Figures.Median(pointwise.Select(p => p.Ms)));
        var (sumCpu, pointCpu) = (Figures.Median(sums.Select(s => s.Cpu)), Figures.Median(pointwise.Select(p => p.Cpu)));
        Console.WriteLine($"median of {rounds} rounds, a 15-minute reload of {points:N0} ratings: per-minute sums {sumMs:N0} ms (influxd {sumCpu:N0} ms CPU), point by point {pointMs:N0} ms (influxd {pointCpu:N0} ms CPU): {pointMs / sumMs:N1}x the time");
        Console.WriteLine($"reconciliation reads this span {(RecentTotalsLoader.ReadsBySums(from, to, points, cells) ? "as per-minute sums" : "point by point")} ({points / (15.0 * cells):N1} ratings per minute and cell; sums from {RecentTotalsLoader.SumsFromRatingsPerMinuteAndCell})");
        return 0;
    }

    private static async Task<(double Ms, double Cpu, int Items, long Ratings)> TimeAsync(InfluxdServer influxd,
        Func<Task<(List<(DateTimeOffset, CxMonitor.Web.Metrics.SatisfactionCell, CxMonitor.Core.Metrics.SatisfactionTotals)> Items, List<(string, string, DateTimeOffset, CxMonitor.Web.Metrics.SatisfactionCell, CxMonitor.Core.Metrics.SatisfactionTotals)> Reviews)>> read)
    {
        var cpu = Figures.CpuTime(influxd.Pid!.Value);
        var clock = Stopwatch.StartNew();
        var (items, _) = await read();
        var ms = clock.Elapsed.TotalMilliseconds;
        return (ms, (Figures.CpuTime(influxd.Pid!.Value) - cpu).TotalMilliseconds, items.Count, items.Sum(i => i.Item3.Ratings));
    }
}
