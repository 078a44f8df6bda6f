using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using CxMonitor.Testing;

namespace CxMonitor.Benchmarks;

/// <summary>Issue 18's figures: (1) tap to wall with 50 terminals tapping twice a second each
/// (Node: tests/live-client/bench-terminals.mjs); (2) the survey endpoint at 500 answers/s from
/// 1,000 distinct addresses (127.0.x.y), alone and beside one address flooding it.</summary>
internal static class CaptureLoad
{
    private static readonly string[] Sites = ["london-oxford-st", "berlin-alexanderplatz", "kyiv-khreshchatyk", "warsaw-centrum", "riga-old-town"];

    public static async Task<int> RunAsync(string[] args)
    {
        var terminals = Figures.IntOption(args, "--terminals", 50);
        var seconds = Figures.IntOption(args, "--seconds", 20);
        var rate = Figures.IntOption(args, "--rate", 500);
        await using var influxd = await InfluxdServer.StartAsync();
        await using var app = await AppProcess.StartAsync(influxd.Url, "capture", new Dictionary<string, string>());
        using var admin = await app.AdminClientAsync();
        Console.WriteLine($"app pid {app.Pid}, influxd pid {influxd.Pid}");

        // (1)
        var key = await app.CliAsync("keys", "create", "--source", "bench", "--sites", "*");
        var pairs = new List<string>();
        for (var t = 0; t < terminals; t++)
        {
            var created = await admin.PostAsJsonAsync("api/v1/terminals", new { name = $"bench {t}", site = Sites[t % Sites.Length], touchpoint = "bench-till" });
            pairs.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pairUrl").GetString()!);
        }
        Console.WriteLine(await NodeAsync("bench-terminals.mjs", "--url", app.Url.ToString(), "--key", key, "--pair", string.Join(',', pairs),
            "--sites", string.Join(',', Sites), "--rate", "2", "--seconds", seconds.ToString(CultureInfo.InvariantCulture)));

        // (2)
        var created2 = await admin.PostAsJsonAsync("api/v1/surveys", new { site = "riga-old-town", touchpoint = "bench-visit" });
        var code = (await created2.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        // Each run has its own 1,000 addresses: customers within their own limits, as in life.
        HttpClient[] Customers(int block) => Enumerable.Range(0, 1000).Select(i => Bound(IPAddress.Parse($"127.0.{10 + (block * 4) + (i / 250)}.{1 + (i % 250)}"), app.Url)).ToArray();
        var customers = Customers(0);
        var cpu0 = app.CpuTime();
        var alone = await SurveysAsync(customers, code, rate, seconds, flood: null);
        var cpuAlone = (app.CpuTime() - cpu0).TotalSeconds / seconds;
        var others = Customers(1);
        using var flooder = Bound(IPAddress.Parse("127.0.9.9"), app.Url);
        var floodRate = Figures.IntOption(args, "--flood", 2000);
        cpu0 = app.CpuTime();
        var flooded = await SurveysAsync(others, code, rate, seconds, flooder, floodRate);
        var cpuFlooded = (app.CpuTime() - cpu0).TotalSeconds / seconds;
        Console.WriteLine($"survey answers at {rate}/s from {customers.Length:N0} addresses for {seconds} s (POST latency, target p99 < 50 ms; a negative status is the question's GET):");
        Console.WriteLine($"  alone:             {alone}; app CPU {cpuAlone:P0} of one core");
        Console.WriteLine($"  beside a flood of {floodRate:N0}/s from one address: {flooded}; app CPU {cpuFlooded:P0} of one core");
        foreach (var c in customers.Concat(others))
            c.Dispose();
        return 0;
    }

    private static async Task<string> SurveysAsync(HttpClient[] customers, string code, int rate, int seconds, HttpClient? flood, int floodRate = 0)
    {
        var latencies = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<int, int>();
        var floodStatuses = new ConcurrentDictionary<int, int>();
        using var stop = new CancellationTokenSource();
        // The flood: one address at a steady floodRate requests/s (unpaced, the benchmark's own
        // client would take the machine's two cores and measure itself).
        var flooding = flood is null ? Task.CompletedTask : Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            var pending = new List<Task>();
            for (long n = 0; !stop.IsCancellationRequested; n++)
            {
                var due = TimeSpan.FromSeconds((double)n / floodRate);
                if (due > clock.Elapsed)
                    await Task.Delay(due - clock.Elapsed);
                pending.Add(Task.Run(async () =>
                {
                    var r = await flood.PostAsJsonAsync($"api/v1/survey/{code}", new { token = "x", score = 9 });
                    floodStatuses.AddOrUpdate((int)r.StatusCode, 1, (_, k) => k + 1);
                }));
            }
            await Task.WhenAll(pending);
        });
        var total = rate * seconds;
        var started = Stopwatch.StartNew();
        var running = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > started.Elapsed)
                await Task.Delay(due - started.Elapsed);
            var customer = customers[i % customers.Length];
            running.Add(Task.Run(async () =>
            {
                using var page = await customer.GetAsync($"api/v1/survey/{code}");
                if (!page.IsSuccessStatusCode)
                {
                    statuses.AddOrUpdate(-(int)page.StatusCode, 1, (_, n) => n + 1); // negative: the question, not the answer
                    return;
                }
                var question = await page.Content.ReadFromJsonAsync<JsonElement>();
                var watch = Stopwatch.StartNew();
                var answer = await customer.PostAsJsonAsync($"api/v1/survey/{code}", new { token = question.GetProperty("token").GetString(), score = 9, comment = "Quick and kind" });
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                statuses.AddOrUpdate((int)answer.StatusCode, 1, (_, n) => n + 1);
            }));
        }
        await Task.WhenAll(running);
        var achieved = total / started.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await flooding;
        var sorted = latencies.Order().ToArray();
        var flooded = flood is null ? "" : $"; flood: {string.Join(", ", floodStatuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value:N0}"))}";
        return $"p50 {Figures.Percentile(sorted, 50):N1} ms, p99 {Figures.Percentile(sorted, 99):N1} ms, max {sorted[^1]:N1} ms at {achieved:N0}/s; answers {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value:N0}"))}{flooded}";
    }

    /// <summary>A client whose connections come from one loopback address: one customer's network.</summary>
    private static HttpClient Bound(IPAddress local, Uri app) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Bind(new IPEndPoint(local, 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    }) { BaseAddress = app };

    private static async Task<string> NodeAsync(string script, params string[] args)
    {
        var psi = new ProcessStartInfo("node") { WorkingDirectory = Path.Combine(AppProcess.RepositoryRoot(), "tests", "live-client"), RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return output.TrimEnd();
    }
}
