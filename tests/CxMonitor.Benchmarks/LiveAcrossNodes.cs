using System.Diagnostics;
using CxMonitor.Testing;

namespace CxMonitor.Benchmarks;

/// <summary>Issue 17's live figure, side by side in one run: POST to a SignalR client at 1,000
/// ratings/s with 100 clients, on one node (SQLite, no Redis) and across two nodes (PostgreSQL,
/// Redis backplane; clients on node B, ratings posted to node A).</summary>
internal static class LiveAcrossNodes
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Figures.IntOption(args, "--seconds", 20).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var folder = Path.Combine(AppProcess.RepositoryRoot(), "tests", "live-client");
        await using var influxd = await InfluxdServer.StartAsync();
        await using var postgres = await PostgresCluster.StartAsync();
        await using var redis = await RedisServer.StartAsync();

        string single;
        await using (var app = await AppProcess.StartAsync(influxd.Url, "single"))
        {
            var key = await app.CliAsync("keys", "create", "--source", "bench", "--sites", "*");
            single = await NodeAsync(folder, "bench-e2e.mjs", "--url", app.Url.ToString(), "--key", key, "--clients", "100", "--rate", "1000", "--seconds", seconds);
        }

        string across;
        var nodes = new Dictionary<string, string>
        {
            ["State__Provider"] = "PostgreSql",
            ["State__ConnectionString"] = await postgres.CreateDatabaseAsync("bench"),
            ["Live__Redis"] = redis.ConnectionString,
        };
        await using (var a = await AppProcess.StartAsync(influxd.Url, "nodes", nodes))
        await using (var b = await AppProcess.StartAsync(influxd.Url, "nodes", nodes))
        {
            var key = await a.CliAsync("keys", "create", "--source", "bench", "--sites", "*");
            across = await NodeAsync(folder, "bench-e2e.mjs", "--url", b.Url.ToString(), "--post-url", a.Url.ToString(), "--key", key, "--clients", "100", "--rate", "1000", "--seconds", seconds);
        }

        Console.WriteLine("one node (SQLite, no Redis):");
        Console.WriteLine(single);
        Console.WriteLine("two nodes (PostgreSQL + Redis), clients on B, POST to A:");
        Console.WriteLine(across);
        return 0;
    }

    private static async Task<string> NodeAsync(string folder, string script, params string[] args)
    {
        var psi = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return output.TrimEnd();
    }
}
