using System.Diagnostics;
using System.Globalization;
using CxMonitor.Testing;

namespace CxMonitor.Benchmarks;

/// <summary>Issue 4's live figures with real SignalR clients (Node, tests/live-client):
/// (b) POST to client at 1,000 ratings/s with 100 clients; (c) 1,000 clients receiving every
/// snapshot update: the app's CPU between job runs and its memory per connection.</summary>
internal static class LiveThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var fanoutClients = Figures.IntOption(args, "--clients", 1000);
        await using var influxd = await InfluxdServer.StartAsync();
        await using var app = await AppProcess.StartAsync(influxd.Url, "live", new Dictionary<string, string>
        {
            ["Jobs__RollingSatisfaction__Interval"] = "00:00:10",
        });
        var key = await app.CliAsync("keys", "create", "--source", "bench", "--sites", "*");
        var folder = Path.Combine(AppProcess.RepositoryRoot(), "tests", "live-client");
        Console.WriteLine($"app pid {app.Pid}, influxd pid {influxd.Pid}");

        // (b)
        Console.WriteLine(await NodeAsync(folder, "bench-e2e.mjs", "--url", app.Url.ToString(), "--key", key, "--clients", "100", "--rate", "1000", "--seconds", "30"));

        // (c): connect, then measure the app over 60 s while 10 ratings/s keep snapshots changing.
        var rssBefore = app.RssMb();
        using var trickle = new CancellationTokenSource();
        var sender = TrickleAsync(app, key, trickle.Token);
        var psi = Node(folder, "bench-fanout.mjs", "--url", app.Url.ToString(), "--key", key, "--clients", fanoutClients.ToString(CultureInfo.InvariantCulture), "--seconds", "60");
        using var fanout = Process.Start(psi)!;
        string? line;
        while ((line = await fanout.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith("CONNECTED", StringComparison.Ordinal))
            Console.WriteLine(line);
        var rssConnected = app.RssMb();
        var cpu0 = app.CpuTime();
        var wall = Stopwatch.StartNew();
        var output = await fanout.StandardOutput.ReadToEndAsync();
        var cpu = (app.CpuTime() - cpu0).TotalSeconds / wall.Elapsed.TotalSeconds;
        await fanout.WaitForExitAsync();
        await trickle.CancelAsync();
        await sender;
        Console.Write(output);
        Console.WriteLine($"{fanoutClients} clients: app CPU {cpu:P1} of one core on average over {wall.Elapsed.TotalSeconds:0} s (6 job runs and 10 ratings/s; target < 50 %)");
        Console.WriteLine($"memory: RSS {rssBefore:N0} MB before, {rssConnected:N0} MB with {fanoutClients} connections: {(rssConnected - rssBefore) * 1024 / fanoutClients:N0} KB per connection; peak RSS {app.PeakRssMb():N0} MB");
        return 0;
    }

    private static async Task TrickleAsync(AppProcess app, string key, CancellationToken ct)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var i = 0;
        while (!ct.IsCancellationRequested)
        {
            var body = $$"""[{"id":"t{{i++}}","scale":"csat5","score":{{1 + (i % 5)}},"site":"kyiv-khreshchatyk"}]""";
            try
            {
                await http.PostAsync(new Uri(app.Url, "api/v1/ratings"), new StringContent(body, System.Text.Encoding.UTF8, "application/json"), ct);
                await Task.Delay(100, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static ProcessStartInfo Node(string folder, string script, params string[] args)
    {
        var psi = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        return psi;
    }

    private static async Task<string> NodeAsync(string folder, string script, params string[] args)
    {
        using var p = Process.Start(Node(folder, script, args))!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return output.TrimEnd();
    }
}
