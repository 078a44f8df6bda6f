using System.Diagnostics;
using System.Text;
using CxMonitor.Testing;
using StackExchange.Redis;

namespace CxMonitor.Benchmarks;

/// <summary>Issue 17: what sharing accepted minute totals between nodes costs (decision 0027) at
/// a steady rate (default 10,000 ratings/s) posted to node A of two nodes on one Redis: shares per
/// second and their bytes (counted by a subscriber of our own), and the CPU of node A (which
/// counts and shares) and node B (which receives), side by side with the same load while memory,
/// and so sharing, is off.</summary>
internal static class SharingCost
{
    private static readonly string[] Touchpoints = ["arrival", "checkout", "delivery", "support", "after-sales"];
    private static readonly string[] Channels = ["in-store", "web", "app"];

    public static async Task<int> RunAsync(string[] args)
    {
        var rate = Figures.IntOption(args, "--rate", 10_000);
        var seconds = Figures.IntOption(args, "--seconds", 20);
        var sites = Figures.IntOption(args, "--sites", 200);
        await using var influxd = await InfluxdServer.StartAsync();
        await using var redis = await RedisServer.StartAsync();
        var results = new List<string>();
        foreach (var memory in new[] { true, false })
        {
            var settings = new Dictionary<string, string>
            {
                ["Live__Redis"] = redis.ConnectionString,
                ["Metrics__ShortWindowsInMemory"] = memory ? "true" : "false",
                ["Access__Ingest__RequestsPerSecond"] = "1000000",
                ["Access__Ingest__Burst"] = "1000000",
            };
            for (var s = 0; s < sites; s++)
            {
                settings[$"Sites__{s}__Id"] = $"site-{s:D3}";
                settings[$"Sites__{s}__Name"] = $"Site {s}";
                settings[$"Sites__{s}__TimeZone"] = "Europe/Berlin";
                settings[$"Sites__{s}__OpeningHours__Mon"] = "00:00-24:00";
            }
            var db = memory ? "shared" : "unshared";
            await using var a = await AppProcess.StartAsync(influxd.Url, db, settings);
            await using var b = await AppProcess.StartAsync(influxd.Url, db, settings);
            var key = await a.CliAsync("keys", "create", "--source", "bench", "--sites", "*");
            using var listener = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
            long messages = 0, bytes = 0;
            await listener.GetSubscriber().SubscribeAsync(RedisChannel.Literal("cxmonitor:recent-totals"), (_, m) =>
            {
                Interlocked.Increment(ref messages);
                Interlocked.Add(ref bytes, ((byte[])m!).Length);
            });
            var (cpuA, cpuB) = (a.CpuTime(), b.CpuTime());
            var watch = Stopwatch.StartNew();
            var sent = await LoadAsync(a.Url, key, rate, seconds, sites);
            var elapsed = watch.Elapsed.TotalSeconds;
            var (usedA, usedB) = ((a.CpuTime() - cpuA).TotalSeconds, (b.CpuTime() - cpuB).TotalSeconds);
            var line = $"memory {(memory ? "on, shared through Redis" : "off, nothing shared   ")}: {sent / elapsed:N0} ratings/s for {elapsed:0.0} s; node A CPU {100 * usedA / elapsed:0.0} % ({1e6 * usedA / sent:0.0} us a rating), node B CPU {100 * usedB / elapsed:0.0} %; shares {messages / elapsed:0.0}/s, {bytes / elapsed / 1024:N0} KB/s ({(messages == 0 ? 0 : bytes / messages / 1024.0):N1} KB each)";
            Console.WriteLine(line);
            results.Add(line);
        }
        Console.WriteLine("side by side:");
        results.ForEach(Console.WriteLine);
        return 0;
    }

    /// <summary>Posts batches of 100 ratings at the given rate (paced, at most 16 requests in flight).</summary>
    private static async Task<long> LoadAsync(Uri url, string key, int rate, int seconds, int sites)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        const int batch = 100;
        var batches = rate * seconds / batch;
        var random = new Random(7);
        var inFlight = new SemaphoreSlim(16);
        var tasks = new List<Task>();
        long accepted = 0;
        var failed = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < batches; i++)
        {
            var due = TimeSpan.FromSeconds((double)i * batch / rate);
            if (due > watch.Elapsed)
                await Task.Delay(due - watch.Elapsed);
            var body = new StringBuilder("[");
            for (var j = 0; j < batch; j++)
            {
                var n = random.Next(sites * 15);
                body.Append(j == 0 ? "" : ",").Append($$"""{"id":"s{{i}}-{{j}}","scale":"csat5","score":{{1 + random.Next(5)}},"site":"site-{{n % sites:D3}}","channel":"{{Channels[n / sites % 3]}}","touchpoint":"{{Touchpoints[n / sites / 3 % 5]}}"}""");
            }
            var content = body.Append(']').ToString();
            await inFlight.WaitAsync();
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    using var response = await http.PostAsync("/api/v1/ratings", new StringContent(content, Encoding.UTF8, "application/json"));
                    if (response.IsSuccessStatusCode)
                        Interlocked.Add(ref accepted, batch);
                    else if (Interlocked.Exchange(ref failed, 1) == 0)
                        Console.WriteLine($"refused: {(int)response.StatusCode} {(await response.Content.ReadAsStringAsync())[..200]}");
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }
        await Task.WhenAll(tasks);
        return accepted;
    }
}
