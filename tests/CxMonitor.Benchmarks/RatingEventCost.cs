using CxMonitor.Core.Alerts;
using CxMonitor.Core.Ratings;
using CxMonitor.Web.Alerts.Rules;
using CxMonitor.Web.Ingest;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Metrics.Recent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CxMonitor.Benchmarks;

/// <summary>What an accepted rating costs after its 202 (issue 19): the alert rules' event path
/// (the default rules of <c>alerts/</c> through <see cref="RuleEvaluator.Observe"/>, the customer
/// memory on its own) and the memory totals feed (<see cref="RecentTotalsFeed"/>, with and without
/// sharing between nodes), in nanoseconds of the process's CPU per rating. Requests of 1,000 ratings, 6 sites × 3
/// channels × 4 touchpoints, 5,000 customers, mixed scales and scores, every text a fresh string
/// as the JSON reader gives it; a simulated clock of 10 ratings a second (300 requests: 8 hours), with a bad stretch at one checkout every 100 requests, a VIP now and then and some comments. Uses only what the
/// code before issue 19's fourth pass had too, so the same file runs on an older build for a
/// side-by-side figure; it prints a digest of the outcomes (alert changes, totals) that must be
/// equal on both builds.</summary>
public static class RatingEventCost
{
    private static readonly string[] Sites = ["london-oxford-st", "berlin-alexanderplatz", "paris-opera", "kyiv-khreshchatyk", "madrid-sol", "rome-termini"];
    private static readonly string[] Channels = ["in-store", "web", "app"];
    private static readonly string[] Touchpoints = ["arrival", "checkout", "delivery", "support"];
    private static readonly RatingScale[] Scales = [RatingScale.Csat5, RatingScale.Nps11, RatingScale.Smiley4, RatingScale.Stars5];

    public static Task<int> RunAsync(string[] args)
    {
        var rounds = Figures.IntOption(args, "--rounds", 5);
        var requests = Figures.IntOption(args, "--requests", 300);
        var rules = RuleSet.Load(Figures.StringOption(args, "--rules") ?? RulesFolder());
        if (rules.Errors.Count > 0)
            throw new InvalidOperationException(string.Join("; ", rules.Errors));
        var start = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
        var batches = Batches(requests, start);
        var alerts = new List<double>();
        var memory = new List<double>();
        var evicting = new List<double>();
        var totals = new List<double>();
        var shared = new List<double>();
        var live = new List<double>();
        for (var round = 0; round <= rounds; round++)
        {
            var (a, digest) = Alerts(batches, rules.Rules);
            var m = Memory(batches, 100_000);
            var e = Memory(batches, 1_000);
            var (t, sums) = Totals(batches, start, sharing: false);
            var (s, _) = Totals(batches, start, sharing: true);
            var l = LivePush(batches);
            if (round == 0)
            {
                Console.WriteLine($"outcome: {digest}; totals {sums}");
                continue; // JIT and first touch
            }
            alerts.Add(a);
            memory.Add(m);
            evicting.Add(e);
            totals.Add(t);
            shared.Add(s);
            live.Add(l);
            Console.WriteLine($"round {round}: alert rules {a,5:N0} ns per rating (customer memory alone {m,4:N0}, at capacity {e,4:N0}); memory totals {t,4:N0} ns, shared between nodes {s,4:N0} ns; live push {l,4:N0} ns");
        }
        Console.WriteLine($"median of {rounds} rounds, {requests * 1_000:N0} ratings each: alert rules {Figures.Median(alerts):N0} ns per rating " +
            $"(customer memory alone {Figures.Median(memory):N0}, at capacity {Figures.Median(evicting):N0}); memory totals {Figures.Median(totals):N0} ns, shared between nodes {Figures.Median(shared):N0} ns; live push {Figures.Median(live):N0} ns");
        return Task.FromResult(0);
    }

    private static (double NsPerRating, string Digest) Alerts(List<(DateTimeOffset Now, ValidRating[] Ratings)> batches, IReadOnlyList<CriticalMomentRule> rules)
    {
        var evaluator = new RuleEvaluator();
        evaluator.SetRules(rules);
        var events = batches.Select(b => (b.Now, Events: b.Ratings.Select(Event).ToArray())).ToList();
        var changes = new List<AlertChange>();
        var watch = CpuWatch.StartNew();
        foreach (var (now, batch) in events)
            changes.AddRange(evaluator.Observe(batch, now));
        watch.Stop();
        var described = changes.Select(c => $"{c.Alert.Rule} {c.Alert.Scope} {c.Alert.State} {c.Notice} {c.Reason} {c.Alert.LastMatchAt:O} " +
            string.Join(",", c.Alert.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}")) + " " + string.Join(",", c.Triggers.Select(t => t.Id)));
        return (watch.Elapsed.TotalNanoseconds / (events.Count * 1_000),
            $"{changes.Count} alert changes ({changes.Count(c => c.Notice == "firing")} firing, {evaluator.OpenAlerts.Count()} open), digest {Digest(described)}");
    }

    /// <summary>5,000 customers in a memory of 100,000 (the evaluator's), or of 1,000 (evicting at every new one).</summary>
    private static double Memory(List<(DateTimeOffset Now, ValidRating[] Ratings)> batches, int capacity)
    {
        var customers = new CustomerMemory(capacity);
        var events = batches.Select(b => b.Ratings.Select(Event).ToArray()).ToList();
        var watch = CpuWatch.StartNew();
        foreach (var batch in events)
        {
            foreach (var e in batch)
                customers.Remember(e.Customer!, e.Positive, e.Negative);
        }
        watch.Stop();
        return watch.Elapsed.TotalNanoseconds / (events.Count * 1_000);
    }

    private static (double NsPerRating, string Sums) Totals(List<(DateTimeOffset Now, ValidRating[] Ratings)> batches, DateTimeOffset start, bool sharing)
    {
        var clock = new SteppedClock { Now = start };
        var recent = new RecentTotals(clock);
        recent.Warm(start.AddHours(-1), []);
        var settings = new Dictionary<string, string?>();
        if (sharing)
            settings["Live:Redis"] = "127.0.0.1:1"; // never connected: the share is only gathered, as between two sends
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var shares = new SharedRecentTotals(configuration, recent, null!, null!, Options.Create(new MetricsOptions()), NullLogger<SharedRecentTotals>.Instance);
        var events = new IngestEvents(NullLogger<IngestEvents>.Instance);
        var feed = new RecentTotalsFeed(events, recent, shares);
        feed.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        var watch = CpuWatch.StartNew();
        foreach (var (now, ratings) in batches)
        {
            clock.Now = now;
            events.Accepted(ratings);
        }
        watch.Stop();
        // Every minute of every cell: what the rolling job would read.
        var minutes = new List<string>();
        for (var m = start; m <= batches[^1].Now; m = m.AddMinutes(1))
            minutes.AddRange(recent.Read(m, m.AddMinutes(1), null).Cells.Select(c => $"{m:O} {c.Key} {c.Value}"));
        var all = recent.Read(start, batches[^1].Now.AddMinutes(1), null).Cells.Values.Aggregate(CxMonitor.Core.Metrics.SatisfactionTotals.Empty, (a, b) => a + b);
        return (watch.Elapsed.TotalNanoseconds / (batches.Count * 1_000),
            $"{all.Ratings} ratings, {all.CsatSatisfied} satisfied, {all.Detractors} detractors, {all.Dissatisfied} dissatisfied; {minutes.Count} cell minutes, digest {Digest(minutes.Order(StringComparer.Ordinal))}");
    }

    /// <summary>The live push gathering each request's ratings for the screens (its flush, once per
    /// 100 ms whatever the rate, is kept out: an hour's interval).</summary>
    private static double LivePush(List<(DateTimeOffset Now, ValidRating[] Ratings)> batches)
    {
        var events = new IngestEvents(NullLogger<IngestEvents>.Instance);
        var options = Options.Create(new CxMonitor.Web.Live.LiveOptions { ActivityFlushInterval = TimeSpan.FromHours(1) });
        using var push = new CxMonitor.Web.Live.RatingActivityPush(events, null!, new CxMonitor.Web.Live.LiveSequence(), options, TimeProvider.System,
            NullLogger<CxMonitor.Web.Live.RatingActivityPush>.Instance);
        // It listens in StartAsync (before the host would start the server), so it hears every
        // rating from here on.
        push.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        var watch = CpuWatch.StartNew();
        foreach (var (_, ratings) in batches)
            events.Accepted(ratings);
        watch.Stop();
        push.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        return watch.Elapsed.TotalNanoseconds / (batches.Count * 1_000);
    }

    private static string Digest(IEnumerable<string> lines) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines))))[..16];

    /// <summary>As the alert service maps an accepted rating (AlertEvents.Of).</summary>
    private static AlertEvent Event(ValidRating r) => new()
    {
        Kind = "rating", Time = r.Time, Site = r.Site, Channel = r.Channel, Touchpoint = r.Touchpoint, Scale = RatingScales.Code(r.Scale), Source = r.Source,
        Score = r.Score, Norm = r.Class.Norm, Negative = r.Class.Satisfaction == Satisfaction.Dissatisfied,
        Positive = r.Class.Satisfaction == Satisfaction.Satisfied || r.Class.Nps == NpsCategory.Promoter,
        Customer = r.Customer, Text = r.Comment, Id = r.Id,
    };

    private static List<(DateTimeOffset Now, ValidRating[] Ratings)> Batches(int requests, DateTimeOffset start)
    {
        var random = new Random(19);
        var batches = new List<(DateTimeOffset, ValidRating[])>(requests);
        for (var b = 0; b < requests; b++)
        {
            var now = start.AddSeconds((b + 1) * 100);
            var ratings = new ValidRating[1_000];
            for (var i = 0; i < ratings.Length; i++)
            {
                var scale = Scales[random.Next(Scales.Length)];
                var (min, max) = RatingScales.Range(scale);
                var score = random.Next(min, max + 1);
                var site = Sites[random.Next(Sites.Length)];
                var touchpoint = Touchpoints[random.Next(Touchpoints.Length)];
                // A bad stretch at one checkout (the burst rule against the usual level), a VIP now
                // and then, and a comment in every fiftieth rating, one in forty of them alarming.
                if (b % 100 is >= 60 and < 64 && site == Sites[0] && touchpoint == "checkout" && random.Next(10) < 6)
                    score = min;
                var customer = random.Next(2_000) == 0 ? $"vip-000{1 + random.Next(3)}" : $"c{random.Next(5_000)}";
                var comment = random.Next(50) != 0 ? null : random.Next(40) == 0 ? "I think it was food poisoning" : "The queue at the till was long today";
                // Copies: a request's strings are new instances, never the same reference twice.
                ratings[i] = new ValidRating($"b{b}-{i}", now.AddMilliseconds(100 * (i - 1_000)), scale, score, RatingScales.Classify(scale, score),
                    new string(site), new string(Channels[random.Next(Channels.Length)]), new string(touchpoint),
                    "terminal", null, customer, [], comment, null);
            }
            batches.Add((now, ratings));
        }
        return batches;
    }

    private static string RulesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CxMonitor.sln")))
                return Path.Combine(dir.FullName, "alerts");
        }
        throw new InvalidOperationException("alerts/ not found above " + AppContext.BaseDirectory + "; pass --rules");
    }

    /// <summary>The process's CPU time (getrusage, to the microsecond), not the wall clock: on a
    /// shared two-core machine the other processes' share moves wall time several-fold, CPU time
    /// hardly. It includes the garbage collector's threads, which are part of the cost.</summary>
    private sealed class CpuWatch
    {
        private TimeSpan _start;

        public TimeSpan Elapsed { get; private set; }

        /// <summary>After a full collection, so that no garbage of the set-up is charged to what is measured.</summary>
        public static CpuWatch StartNew()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return new() { _start = Now() };
        }

        public void Stop() => Elapsed = Now() - _start;

        private static TimeSpan Now()
        {
            if (GetRusage(0, out var usage) != 0) // RUSAGE_SELF
                throw new InvalidOperationException("getrusage failed");
            return TimeSpan.FromMicroseconds(usage.UserSeconds * 1_000_000.0 + usage.UserMicroseconds + usage.SystemSeconds * 1_000_000.0 + usage.SystemMicroseconds);
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "getrusage")]
        private static extern int GetRusage(int who, out Rusage usage);

        // struct rusage on 64-bit Linux: two timevals, then 14 longs this does not read (144 bytes).
        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Size = 144)]
        private struct Rusage
        {
            public long UserSeconds;
            public long UserMicroseconds;
            public long SystemSeconds;
            public long SystemMicroseconds;
        }
    }

    private sealed class SteppedClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
