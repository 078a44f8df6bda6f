using System.Diagnostics;
using System.Globalization;
using CxMonitor.Core.Alerts;
using CxMonitor.Core.Metrics;
using CxMonitor.Core.Ratings;
using CxMonitor.Simulator.Catalog;
using CxMonitor.Simulator.Generation;
using CxMonitor.Web.Alerts.Rules;

namespace CxMonitor.Benchmarks.Precision;

/// <summary>
/// Precision and recall of the shipped rules against the simulator's ground truth: days of the
/// demo's sites with scripted incidents, run through the core rule evaluation in-process (no
/// InfluxDB, no HTTP: the same evaluator the app runs, fed the same items and site snapshots).
/// Prints, per incident, whether and how fast it was detected, and the alerts that match no incident.
/// </summary>
/// <remarks>Snapshots are computed per site only (the shipped windowed rules group by site); the
/// drop rule's baseline is the trailing 28 days, which is the app's fallback when the same hours of
/// earlier weeks hold too little. One warm-up day precedes the measured days so that usual levels
/// and baselines exist, as they do for a running app.</remarks>
public static class AlertPrecision
{
    private static readonly DateTimeOffset WarmupStart = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Target = TimeSpan.FromMinutes(15);

    public static Task<int> RunAsync(string[] args)
    {
        var days = Option(args, "--days", 7);
        var rate = Option(args, "--rate", 5.0);
        var seed = Option(args, "--seed", 42);
        var folder = args.SkipWhile(a => a != "--rules").Skip(1).FirstOrDefault() ?? FindRules();
        var rules = LoadRules(folder);
        if (rules is null)
            return Task.FromResult(2);

        var sites = DemoSites.All;
        var measureStart = WarmupStart + TimeSpan.FromDays(1);
        var end = measureStart + TimeSpan.FromDays(days);
        var schedule = IncidentSchedule.Days(measureStart, sites, days);
        var generator = new RatingGenerator(seed, sites, rate, schedule);
        var evaluator = new RuleEvaluator();
        evaluator.SetRules(rules);
        var totalMinutes = (int)(end - WarmupStart).TotalMinutes;
        var minutes = sites.ToDictionary(s => s.Id, _ => new SiteMinutes(totalMinutes));
        var windows = rules.Select(r => r.Threshold?.Window ?? r.Drop?.Window).OfType<string>().Distinct().ToList();
        var fired = new List<FiredAlert>();
        var siteIds = sites.Select(s => s.Id).ToList();
        var byId = sites.ToDictionary(s => s.Id);
        long ratings = 0;
        var watch = Stopwatch.StartNew();

        void Record(List<AlertChange> changes, DateTimeOffset now)
        {
            foreach (var c in changes.Where(c => c.Notice == "firing" && now >= measureStart))
                fired.Add(new FiredAlert(now, c.Alert.Rule, c.Alert.Scope, c.Alert.Severity, Web.Alerts.Store.AlertRecord.SiteOf(c.Alert.Scope)));
        }

        for (var t = WarmupStart; t < end; t += TimeSpan.FromSeconds(1))
        {
            var slice = generator.Next(t);
            var events = new List<AlertEvent>(slice.Ratings.Count + slice.Reviews.Count);
            foreach (var r in slice.Ratings)
            {
                if (!RatingScales.TryParse(r.Scale, out var scale))
                    continue;
                var c = RatingScales.Classify(scale, r.Score);
                minutes[r.Site].AddRating(c, c.IsCsatLike);
                events.Add(new AlertEvent
                {
                    Kind = "rating", Time = r.Time, Site = r.Site, Channel = r.Channel, Touchpoint = r.Touchpoint, Scale = r.Scale, Source = r.Source,
                    Score = r.Score, Norm = c.Norm, Negative = c.Satisfaction == Satisfaction.Dissatisfied,
                    Positive = c.Satisfaction == Satisfaction.Satisfied || c.Nps == NpsCategory.Promoter, Customer = r.Customer, Text = r.Comment, Id = r.Id,
                });
            }
            ratings += slice.Ratings.Count;
            foreach (var r in slice.Reviews)
            {
                var negative = r.Stars is <= 2;
                minutes[r.Site].AddReview(r.Stars, negative);
                events.Add(new AlertEvent { Kind = "review", Time = r.Time, Site = r.Site, Stars = r.Stars, Negative = negative, Positive = r.Stars >= 4, Text = r.Title + " " + r.Text });
            }
            var now = t + TimeSpan.FromSeconds(1);
            Record(evaluator.Observe(events, now), now);
            var second = (long)(now - WarmupStart).TotalSeconds;
            if (second % 10 == 0)
                Record(evaluator.Tick(now, siteIds, (id, at) => byId[id].IsOpen(at)), now);
            if (second % 60 == 0)
            {
                var closed = (int)(second / 60);
                foreach (var m in minutes.Values)
                    m.Close(closed - 1);
                Record(evaluator.EvaluateSnapshots(Snapshots(sites, minutes, windows, closed, now), now), now);
            }
        }

        Console.WriteLine($"alert precision: {days} days (after 1 warm-up day) of {sites.Count} sites at {rate} ratings/s, seed {seed}, rules from {folder}");
        Console.WriteLine($"simulated {ratings:N0} ratings in {watch.Elapsed.TotalSeconds:0} s");
        var failures = IncidentMatching.Report(schedule.Incidents, fired, siteIds, days, Target, Console.Out);
        return Task.FromResult(failures == 0 ? 0 : 1);
    }

    private static Dictionary<(string Scope, string Window), SatisfactionSnapshot> Snapshots(
        IReadOnlyList<DemoSite> sites, Dictionary<string, SiteMinutes> minutes, List<string> windows, int closed, DateTimeOffset now)
    {
        var result = new Dictionary<(string, string), SatisfactionSnapshot>();
        foreach (var site in sites)
        {
            var m = minutes[site.Id];
            foreach (var code in windows)
            {
                SatisfactionWindows.TryParse(code, out var window);
                var (start, _) = SatisfactionWindows.Range(window, now, site.TimeZone);
                var from = closed - (int)Math.Round((now - start).TotalMinutes);
                var baseline = m.Sum(from - 28 * 1440, from);
                result[("site:" + site.Id, code)] = SatisfactionSnapshot.From(m.Sum(from, closed), baseline.Ratings == 0 ? null : baseline);
            }
        }
        return result;
    }

    private static List<CriticalMomentRule>? LoadRules(string folder)
    {
        var rules = new List<CriticalMomentRule>();
        foreach (var file in Directory.GetFiles(folder, "*.yaml").Order())
        {
            var (read, errors) = RuleFileReader.Read(Path.GetFileName(file), File.ReadAllText(file));
            foreach (var e in errors)
                Console.Error.WriteLine(e);
            if (errors.Count > 0)
                return null;
            rules.AddRange(read);
        }
        return rules;
    }

    private static string FindRules()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CxMonitor.sln")))
                return Path.Combine(dir.FullName, "alerts");
        }
        return "alerts";
    }

    private static T Option<T>(string[] args, string name, T fallback) where T : IParsable<T>
    {
        var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return value is null ? fallback : T.Parse(value, CultureInfo.InvariantCulture);
    }
}
