using System.Diagnostics;
using System.Text;
using CxMonitor.Testing;

namespace CxMonitor.Benchmarks;

/// <summary>Issue 19's single-rating figure on its own: one rating per request from a closed loop
/// of connections, requests/s, p50/p99 and the CPU each request costs the app, this client and
/// influxd. With <c>--old path/to/cxmonitor.dll</c> an older build runs beside the current one
/// (each with its own influxd) and the rounds alternate old, new, old, new, so both see the same
/// load from the machine's other users. With <c>--floor</c> a <see cref="FloorServer"/> takes a turn
/// in every round too, and the app's figures are set against the floor's.</summary>
internal static class SingleRatingThroughput
{
    public sealed record Round(double RequestsPerSecond, double P50, double P99, double AppUs, double ClientUs, double InfluxUs);

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = Figures.IntOption(args, "--rounds", 5);
        var seconds = Figures.IntOption(args, "--seconds", 10);
        var connections = Figures.IntOption(args, "--connections", 32);
        var old = Figures.StringOption(args, "--old");
        // --app-env NAME=VALUE[;NAME=VALUE…]: settings or runtime knobs for the current build only,
        // to try them against the same build without them (--old pointing at a copy of that build).
        var appEnvText = Figures.StringOption(args, "--app-env");
        var client = ClientOption(args);
        var withFloor = args.Contains("--floor");
        if (withFloor && client != "wrk")
            throw new ArgumentException("--floor needs wrk (apt-get install wrk): HttpClient's own CPU would take the floor's cores");
        var appEnv = appEnvText?.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToList();
        var builds = new List<(string Name, string? Dll)> { ("new", null) };
        if (old is not null)
            builds.Insert(0, ("old", Path.GetFullPath(old)));

        var sides = new List<(string Name, InfluxdServer Influxd, AppProcess App, string Key)>();
        FloorProcess? floor = null;
        try
        {
            if (withFloor)
            {
                floor = await FloorProcess.StartAsync();
                Console.WriteLine($"floor: Kestrel, the body read and group-committed with fsync, 202 (FloorServer), pid {floor.Pid}");
            }
            foreach (var (name, dll) in builds)
            {
                var influxd = await InfluxdServer.StartAsync();
                // AppProcess reads the build to run from the environment when it starts a process.
                Environment.SetEnvironmentVariable("CXMONITOR_APP_DLL", dll);
                var settings = new Dictionary<string, string> { ["Access__Ingest__RequestsPerSecond"] = "1000000", ["Access__Ingest__Burst"] = "1000000" };
                if (name == "new" && appEnv is not null)
                {
                    foreach (var pair in appEnv)
                        settings[pair[0]] = pair.Length == 2 ? pair[1] : throw new ArgumentException($"--app-env: expected NAME=VALUE, got '{pair[0]}'");
                }
                var app = await AppProcess.StartAsync(influxd.Url, "bench", settings);
                Environment.SetEnvironmentVariable("CXMONITOR_APP_DLL", null);
                sides.Add((name, influxd, app, await app.CliAsync("keys", "create", "--source", "bench", "--sites", "*")));
                Console.WriteLine($"{name}: {dll ?? AppProcess.AppDll()}{(name == "new" && appEnv is not null ? " with " + appEnvText : "")}, app pid {app.Pid}, influxd pid {influxd.Pid}");
            }
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { Timeout = TimeSpan.FromSeconds(60) };
            Console.WriteLine($"load from {client}{(client == "wrk" ? " (" + WrkLoad.Path() + ")" : " (HttpClient in this process)")}");
            var results = sides.ToDictionary(s => s.Name, _ => new List<Round>());
            var floorResults = new List<Round>();
            // Round 0 warms each build's JIT and pools and is not counted.
            for (var round = 0; round <= rounds; round++)
            {
                foreach (var side in sides)
                {
                    var syncsBefore = await SpoolSyncs.ReadAsync(http, side.App, side.Key);
                    var watch = Stopwatch.StartNew();
                    var r = await MeasureAsync(client, http, side.App, side.Key, TimeSpan.FromSeconds(round == 0 ? Math.Min(seconds, 5) : seconds), connections, side.Influxd.Pid!.Value, round);
                    var elapsed = watch.Elapsed;
                    if (round == 0)
                        continue;
                    results[side.Name].Add(r);
                    Console.WriteLine($"round {round} {side.Name}: {Describe(r)}");
                    if (syncsBefore is not null && await SpoolSyncs.ReadAsync(http, side.App, side.Key) is { } syncsAfter)
                        Console.WriteLine($"  {SpoolSyncs.Describe(syncsBefore, syncsAfter, elapsed)}");
                }
                if (floor is null)
                    continue;
                // The same script as the app gets, key header included; the floor reads no key.
                var f = await WrkLoad.MeasureAsync(floor.Url, floor.CpuTime, sides[^1].Key, TimeSpan.FromSeconds(round == 0 ? Math.Min(seconds, 5) : seconds), connections, null, round);
                if (round == 0)
                    continue;
                floorResults.Add(f);
                Console.WriteLine($"round {round} floor: {Describe(f)}");
            }
            foreach (var side in sides)
            {
                var list = results[side.Name];
                Console.WriteLine($"median {side.Name}: {list.Count} rounds of {seconds} s, {connections} connections: " +
                    Describe(MedianOf(list)) +
                    $"; app peak RSS {side.App.PeakRssMb():N0} MB");
            }
            if (floor is not null)
            {
                var floorMedian = MedianOf(floorResults);
                Console.WriteLine($"median floor: {Describe(floorMedian)}");
                var current = MedianOf(results["new"]);
                Console.WriteLine($"the app against the floor (medians): CPU per request {current.AppUs / floorMedian.AppUs:N1}x ({current.AppUs - floorMedian.AppUs:N0} us more), " +
                    $"requests/s {current.RequestsPerSecond / floorMedian.RequestsPerSecond:P0}, p99 {current.P99:N1} against {floorMedian.P99:N1} ms");
                // Two cores at 10,000 requests/s give each request 200 us, for the server, wrk and influxd.
                var budgetUs = 2e6 / 10_000;
                Console.WriteLine($"  at 10,000 requests/s the 2 cores give {budgetUs:N0} us per request: the floor's {floorMedian.AppUs:N0} and this client's {floorMedian.ClientUs:N0} " +
                    $"leave {budgetUs - floorMedian.AppUs - floorMedian.ClientUs:N0} us for what the app adds ({current.AppUs - floorMedian.AppUs:N0} us) and its influxd ({current.InfluxUs:N0} us), all cores busy");
            }
            Console.WriteLine("targets (issue 19): p99 < 10 ms at >= 10,000 requests/s; app CPU <= 40 us per request");
            return 0;
        }
        finally
        {
            if (floor is not null)
                await floor.DisposeAsync();
            foreach (var side in sides)
            {
                await side.App.DisposeAsync();
                await side.Influxd.DisposeAsync();
            }
        }
    }

    /// <summary>Each figure's own median over the rounds.</summary>
    public static Round MedianOf(IReadOnlyList<Round> rounds) =>
        new(Figures.Median(rounds.Select(r => r.RequestsPerSecond)), Figures.Median(rounds.Select(r => r.P50)), Figures.Median(rounds.Select(r => r.P99)),
            Figures.Median(rounds.Select(r => r.AppUs)), Figures.Median(rounds.Select(r => r.ClientUs)), Figures.Median(rounds.Select(r => r.InfluxUs)));

    public static string Describe(Round r) =>
        $"{r.RequestsPerSecond,7:N0} requests/s, p50 {r.P50:N1} ms, p99 {r.P99:N1} ms; CPU per request: app {r.AppUs:N0} us, client {r.ClientUs:N0} us, influxd {r.InfluxUs:N0} us";

    /// <summary><c>--client wrk</c> (the default where Debian's wrk is installed) or
    /// <c>--client dotnet</c> (HttpClient in this process, the figures before 2026-11-27's evening):
    /// what drives the closed loop. The client shares the two cores with the app, so its own CPU
    /// per request is taken from the app's rate; the figures name the client they were read with.</summary>
    public static string ClientOption(string[] args) =>
        Figures.StringOption(args, "--client") switch
        {
            null => WrkLoad.Path() is null ? "dotnet" : "wrk",
            "wrk" => "wrk",
            "dotnet" => "dotnet",
            var other => throw new ArgumentException($"--client: wrk or dotnet, not '{other}'"),
        };

    public static Task<Round> MeasureAsync(string client, HttpClient http, AppProcess app, string key, TimeSpan duration, int connections, int influxPid, int round) =>
        client == "wrk"
            ? WrkLoad.MeasureAsync(app, key, duration, connections, influxPid, round)
            : MeasureAsync(http, app, key, duration, connections, influxPid, round);

    /// <summary>A closed loop: each connection sends its next rating when the last one is answered,
    /// so the rate is what the CPU left on the machine allows.</summary>
    public static async Task<Round> MeasureAsync(HttpClient http, AppProcess app, string key, TimeSpan duration, int connections, int influxPid, int round)
    {
        var latencies = new List<double>();
        var self = Environment.ProcessId;
        var target = new Uri(app.Url, "api/v1/ratings");
        var (appBefore, clientBefore, influxBefore) = (app.CpuTime(), Figures.CpuTime(self), Figures.CpuTime(influxPid));
        var watch = Stopwatch.StartNew();
        var sent = 0;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
        {
            var mine = new List<double>();
            var i = 0;
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                // UTF-8 bytes and a header value made once: the client shares the two cores with
                // the app, so what it spends per request is taken from the app's rate.
                var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Rating(round, c, i++)));
                content.Headers.ContentType = JsonType;
                using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = content };
                request.Headers.TryAddWithoutValidation("X-Api-Key", key);
                using var response = await http.SendAsync(request);
                if ((int)response.StatusCode != 202)
                    throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            lock (latencies)
                latencies.AddRange(mine);
            Interlocked.Add(ref sent, mine.Count);
        }));
        var elapsed = watch.Elapsed;
        var (appCpu, clientCpu, influxCpu) = ((app.CpuTime() - appBefore).TotalMicroseconds / sent,
            (Figures.CpuTime(self) - clientBefore).TotalMicroseconds / sent, (Figures.CpuTime(influxPid) - influxBefore).TotalMicroseconds / sent);
        latencies.Sort();
        return new Round(sent / elapsed.TotalSeconds, Figures.Percentile(latencies, 50), Figures.Percentile(latencies, 99), appCpu, clientCpu, influxCpu);
    }

    private static readonly System.Net.Http.Headers.MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    internal static readonly string[] Sites = ["london-oxford-st", "berlin-alexanderplatz", "kyiv-khreshchatyk", "warsaw-centrum", "riga-old-town", "new-york-5th-ave"];
    internal static readonly string[] Scales = ["csat5", "nps11", "smiley4", "stars5"];

    private static string Rating(int round, int connection, int i) =>
        $$"""{"id":"s{{round}}-{{connection}}-{{i}}","time":"{{DateTimeOffset.UtcNow.AddSeconds(-(i % 3600)):O}}","scale":"{{Scales[i % 4]}}","score":{{(i % 4) + 1}},"site":"{{Sites[i % 6]}}","channel":"in-store","touchpoint":"checkout","customer":"c{{i % 5000}}"}""";
}
