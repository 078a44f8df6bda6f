using CxMonitor.Core.Alerts;
using CxMonitor.Core.Metrics;

namespace CxMonitor.Core.Tests.Alerts;

/// <summary>A promtool-style harness: a rule, a clock that moves in steps, inputs at each step,
/// and the notices that come out.</summary>
internal sealed class RuleTimeline
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public RuleTimeline(params CriticalMomentRule[] rules) => Evaluator.SetRules(rules);

    public RuleEvaluator Evaluator { get; } = new();

    public DateTimeOffset Now { get; private set; } = Start;

    public List<(DateTimeOffset At, string Notice, AlertInstance Alert)> Notices { get; } = [];

    public List<AlertChange> At(TimeSpan offset, Func<RuleEvaluator, DateTimeOffset, List<AlertChange>> step)
    {
        Now = Start + offset;
        var changes = step(Evaluator, Now);
        foreach (var c in changes.Where(c => c.Notice is not null))
            Notices.Add((Now, c.Notice!, c.Alert));
        return changes;
    }

    public List<AlertChange> Snapshot(TimeSpan offset, string scope, string window, SatisfactionSnapshot snapshot) =>
        At(offset, (e, now) => e.EvaluateSnapshots(new Dictionary<(string, string), SatisfactionSnapshot> { [(scope, window)] = snapshot }, now));

    public List<AlertChange> Events(TimeSpan offset, params AlertEvent[] events) => At(offset, (e, now) => e.Observe(events, now));

    public List<AlertChange> Tick(TimeSpan offset, Func<string, DateTimeOffset, bool>? isOpen = null, params string[] sites) =>
        At(offset, (e, now) => e.Tick(now, sites, isOpen ?? ((_, _) => true)));

    public string NoticeLog => string.Join(" ", Notices.Select(n => $"{(n.At - Start).TotalMinutes:0}m:{n.Notice}"));

    public static SatisfactionSnapshot Csat(double csat, long n = 50) => new() { N = n, Csat = csat, State = MetricState.Ok };

    public static AlertEvent Rating(TimeSpan offset, string site, int score, double norm, string? text = null, string? customer = null,
        bool negative = false, bool positive = false, string scale = "csat5") => new()
    {
        Kind = "rating", Time = Start + offset, Site = site, Score = score, Norm = norm, Text = text, Customer = customer,
        Negative = negative, Positive = positive, Scale = scale,
    };

    public static AlertEvent Review(TimeSpan offset, string site, int stars, string? text = null) => new()
    {
        Kind = "review", Time = Start + offset, Site = site, Stars = stars, Text = text, Negative = stars <= 2,
    };

    public static TimeSpan Min(double minutes) => TimeSpan.FromMinutes(minutes);
}
