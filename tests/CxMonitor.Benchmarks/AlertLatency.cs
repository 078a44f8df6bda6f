using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CxMonitor.Core.Alerts;
using CxMonitor.Core.Metrics;
using CxMonitor.Testing;

namespace CxMonitor.Benchmarks;

/// <summary>Issue 5's figures: (1) 500 rules over 1,000 scopes evaluated by the pure evaluator;
/// (2) an event rule, from POST /api/v1/ratings to the webhook receiver; (3) a windowed rule,
/// from the ratings that cross its bound to the webhook receiver.</summary>
internal static class AlertLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        Evaluation(realistic: true);
        Evaluation(realistic: false);
        if (!args.Contains("--evaluation-only"))
            await EndToEndAsync(Figures.IntOption(args, "--events", 200), Figures.IntOption(args, "--crossings", 5));
        return 0;
    }

    /// <summary>Realistic: most sites healthy (CSAT 70-100), a few percent in trouble. The other
    /// run is a stress case where about a third of all rule-scope pairs fire.</summary>
    private static void Evaluation(bool realistic)
    {
        var random = new Random(7);
        string[] windows = ["15m", "1h", "today", "24h", "7d", "30d"];
        string[] metrics = ["csat", "nps", "norm"];
        var rules = Enumerable.Range(0, 500).Select(i => i % 2 == 0
            ? new CriticalMomentRule { Name = $"t{i}", Kind = RuleKind.Threshold, Threshold = new ThresholdCondition(metrics[i % 3], windows[i % 6], Bound(metrics[i % 3], i), null, Bound(metrics[i % 3], i) + 10, 10) }
            : new CriticalMomentRule { Name = $"d{i}", Kind = RuleKind.Drop, Drop = new DropCondition(windows[i % 6], 8 + (i % 10), 0.01, 20) }).ToList();
        var snapshots = new Dictionary<(string, string), SatisfactionSnapshot>();
        for (var s = 0; s < 1000; s++)
        {
            foreach (var w in windows)
            {
                var csat = realistic ? (random.NextDouble() < 0.03 ? 20 + (random.NextDouble() * 40) : 70 + (random.NextDouble() * 30)) : 30 + (random.NextDouble() * 70);
                snapshots[($"site:s{s:D4}", w)] = new SatisfactionSnapshot
                {
                    N = 20 + random.Next(500), Csat = csat, Nps = (csat * 1.5) - 80, MeanNorm = csat,
                    Baseline = new BaselineComparison(realistic ? csat : 80, realistic ? 0 : csat - 80, random.NextDouble() * 0.05, null, null, null, null, true),
                };
            }
        }
        var evaluator = new RuleEvaluator();
        evaluator.SetRules(rules);
        var times = new List<double>();
        var now = DateTimeOffset.UtcNow;
        for (var round = 0; round < 21; round++)
        {
            var watch = Stopwatch.StartNew();
            var changes = evaluator.EvaluateSnapshots(snapshots, now.AddSeconds(10 * round));
            watch.Stop();
            if (round == 0)
                Console.WriteLine($"{(realistic ? "realistic" : "stress")}: first evaluation {watch.Elapsed.TotalMilliseconds:N1} ms, {changes.Count:N0} alerts opened");
            else
                times.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"{(realistic ? "realistic" : "stress")}: 500 rules x 1,000 scopes x 6 windows: median {Figures.Median(times):N1} ms per evaluation, {evaluator.OpenAlerts.Count():N0} open alerts (target < 200 ms)");
    }

    /// <summary>CSAT and norm bounds of 40-69 %, NPS bounds of -20 to 9.</summary>
    private static double Bound(string metric, int i) => metric == "nps" ? -20 + (i % 30) : 40 + (i % 30);

    private static async Task EndToEndAsync(int events, int crossings)
    {
        await using var influxd = await InfluxdServer.StartAsync();
        await using var receiver = new WebhookReceiver();
        var rules = Directory.CreateTempSubdirectory("cx-bench-rules-").FullName;
        await File.WriteAllTextAsync(Path.Combine(rules, "bench.yaml"), """
            rules:
              - name: poisoning
                kind: event
                severity: critical
                keywords: ["food poisoning"]
                route: duty
              - name: csat-low
                kind: threshold
                severity: critical
                metric: csat
                window: 15m
                below: 50
                min_samples: 10
                route: duty
            """);
        var sites = Math.Max(events, crossings);
        var settings = new Dictionary<string, string>
        {
            ["Alerts__Directory"] = rules,
            ["Notify__Routes__duty__Channels__0"] = "hook",
            ["Notify__Channels__hook__Type"] = "webhook",
            ["Notify__Channels__hook__Url"] = receiver.Url.ToString(),
            ["Notify__Channels__hook__Secret"] = "benchmark-secret-0123456789",
            ["Access__Ingest__RequestsPerSecond"] = "100000",
            ["Access__Ingest__Burst"] = "100000",
        };
        for (var s = 0; s < sites; s++)
        {
            settings[$"Sites__{s}__Id"] = $"site-{s:D3}";
            settings[$"Sites__{s}__Name"] = $"Site {s}";
            settings[$"Sites__{s}__TimeZone"] = "Europe/Berlin";
            settings[$"Sites__{s}__OpeningHours__Mon"] = "00:00-24:00";
        }
        await using var app = await AppProcess.StartAsync(influxd.Url, "alerts", settings);
        var key = await app.CliAsync("keys", "create", "--source", "bench", "--sites", "*");
        using var http = new HttpClient { BaseAddress = app.Url };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);

        // (2) One poisoning complaint per site: each opens its own alert and so its own notice.
        var sent = new Dictionary<string, DateTimeOffset>();
        for (var i = 0; i < events; i++)
        {
            var site = $"site-{i:D3}";
            sent[site] = DateTimeOffset.UtcNow;
            var response = await http.PostAsync("api/v1/ratings", Json($$"""{"id":"e{{i}}","scale":"csat5","score":1,"site":"{{site}}","comment":"food poisoning after lunch"}"""));
            response.EnsureSuccessStatusCode();
            await Task.Delay(20);
        }
        var latencies = await LatenciesAsync(receiver, "poisoning", sent, TimeSpan.FromSeconds(30));
        Console.WriteLine($"event rule, POST to webhook received: {latencies.Count} of {events}, p50 {Figures.Percentile(latencies, 50):N0} ms, p99 {Figures.Percentile(latencies, 99):N0} ms (target p99 < 1,000 ms)");

        // (3) Twelve unhappy ratings take a site's 15-minute CSAT below 50 %; the job runs every 10 s.
        var crossed = new Dictionary<string, DateTimeOffset>();
        for (var c = 0; c < crossings; c++)
        {
            var site = $"site-{c:D3}";
            var batch = string.Join(',', Enumerable.Range(0, 12).Select(i => $$"""{"id":"w{{c}}-{{i}}","scale":"csat5","score":1,"site":"{{site}}"}"""));
            crossed[site] = DateTimeOffset.UtcNow;
            (await http.PostAsync("api/v1/ratings", Json($"[{batch}]"))).EnsureSuccessStatusCode();
            await Task.Delay(TimeSpan.FromSeconds(3.7));
        }
        var windowed = await LatenciesAsync(receiver, "csat-low", crossed, TimeSpan.FromSeconds(30));
        Console.WriteLine($"windowed rule, data crossing to webhook received: {windowed.Count} of {crossings}, median {Figures.Median(windowed):N0} ms, max {windowed.DefaultIfEmpty(double.NaN).Max():N0} ms (target: one 10 s evaluation interval + 1 s = 11,000 ms)");
        Directory.Delete(rules, recursive: true);
    }

    private static async Task<List<double>> LatenciesAsync(WebhookReceiver receiver, string rule, Dictionary<string, DateTimeOffset> sent, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var latencies = new Dictionary<string, double>();
        while (latencies.Count < sent.Count && DateTime.UtcNow < deadline)
        {
            foreach (var received in receiver.Accepted)
            {
                foreach (var notice in JsonDocument.Parse(received.Body).RootElement.GetProperty("notices").EnumerateArray())
                {
                    if (notice.GetProperty("ruleName").GetString() != rule || notice.GetProperty("kind").GetString() != "firing")
                        continue;
                    var site = notice.GetProperty("site").GetString()!;
                    if (sent.TryGetValue(site, out var at) && !latencies.ContainsKey(site))
                        latencies[site] = (received.At - at).TotalMilliseconds;
                }
            }
            await Task.Delay(50);
        }
        return latencies.Values.Order().ToList();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
