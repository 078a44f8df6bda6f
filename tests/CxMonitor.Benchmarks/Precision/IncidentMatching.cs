using CxMonitor.Core.Alerts;
using CxMonitor.Simulator.Generation;

namespace CxMonitor.Benchmarks.Precision;

/// <summary>One alert that fired (paged someone), as the benchmark saw it.</summary>
internal sealed record FiredAlert(DateTimeOffset At, string Rule, string Scope, AlertSeverity Severity, string? Site);

/// <summary>Alerts against the simulator's ground truth: an alert matches an incident at its site
/// when it fires between the incident's start and <see cref="Grace"/> after its end.</summary>
internal static class IncidentMatching
{
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(30);

    public static bool Matches(FiredAlert a, Incident i) => a.Site == i.SiteId && a.At >= i.Start && a.At <= i.End + Grace;

    public static int Report(IReadOnlyList<Incident> incidents, IReadOnlyList<FiredAlert> alerts, IReadOnlyList<string> sites, double days, TimeSpan target, TextWriter o)
    {
        var failures = 0;
        o.WriteLine($"incidents: {incidents.Count}");
        var minutes = new List<double>();
        foreach (var i in incidents)
        {
            var first = alerts.Where(a => Matches(a, i)).OrderBy(a => a.At).FirstOrDefault();
            var late = first is null || first.At - i.Start > target;
            failures += late ? 1 : 0;
            if (first is not null)
                minutes.Add((first.At - i.Start).TotalMinutes);
            o.WriteLine($"  {i.Start:MM-dd HH:mm} {i.Kind,-16} {i.SiteId,-22} " +
                (first is null ? "MISSED" : $"{(first.At - i.Start).TotalMinutes,5:0.0} min  {first.Rule}") + (late ? "  <-- over target" : ""));
        }
        var detected = incidents.Count(i => alerts.Any(a => Matches(a, i)));
        o.WriteLine($"recall: {detected}/{incidents.Count} detected; within {target.TotalMinutes:0} min: {incidents.Count - failures}/{incidents.Count}");
        if (minutes.Count > 0)
        {
            minutes.Sort();
            o.WriteLine($"minutes to first alert: median {minutes[minutes.Count / 2]:0.0}, max {minutes[^1]:0.0}");
        }

        var unmatched = alerts.Where(a => !incidents.Any(i => Matches(a, i))).ToList();
        o.WriteLine($"alerts: {alerts.Count} fired, {unmatched.Count} match no incident ({unmatched.Count(a => a.Severity == AlertSeverity.Critical)} critical)");
        o.WriteLine("unmatched alerts per site per day:");
        foreach (var site in sites.Append("(no site)"))
        {
            var mine = unmatched.Where(a => (a.Site ?? "(no site)") == site).ToList();
            var perDay = mine.Count / days;
            if (perDay > 1)
                failures++;
            o.WriteLine($"  {site,-22} {perDay,5:0.00}" + (mine.Count == 0 ? "" : "  " + string.Join(", ", mine.GroupBy(a => a.Rule).Select(g => $"{g.Key} x{g.Count()}"))));
        }
        var criticals = unmatched.Count(a => a.Severity == AlertSeverity.Critical);
        failures += criticals;
        foreach (var a in unmatched.Take(30))
            o.WriteLine($"    unmatched {a.At:MM-dd HH:mm} {a.Severity,-8} {a.Rule} {a.Scope}");
        o.WriteLine(failures == 0 ? "targets met" : $"targets NOT met ({failures} failures)");
        return failures;
    }
}
