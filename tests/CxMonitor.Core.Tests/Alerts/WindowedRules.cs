using CxMonitor.Core.Alerts;
using CxMonitor.Core.Metrics;
using static CxMonitor.Core.Tests.Alerts.RuleTimeline;

namespace CxMonitor.Core.Tests.Alerts;

public class WindowedRules
{
    private static readonly CriticalMomentRule CsatLow = new()
    {
        Name = "csat-low", Kind = RuleKind.Threshold, Severity = AlertSeverity.Critical, For = Min(5),
        Threshold = new ThresholdCondition("csat", "1h", Below: 70, Above: null, ResolveBound: 75, MinSamples: 20),
        Summaries = new Dictionary<string, string> { ["en"] = "CSAT at {{site}} is {{value}} % (below {{bound}} %)" },
    };

    [Fact]
    public void A_threshold_fires_only_after_holding_for_its_duration_and_resolves_only_past_the_resolve_bound()
    {
        var t = new RuleTimeline(CsatLow);

        t.Snapshot(Min(0), "site:north", "1h", Csat(65));   // pending
        t.Snapshot(Min(3), "site:north", "1h", Csat(64));   // still pending
        t.Snapshot(Min(5), "site:north", "1h", Csat(66));   // fires: held for 5 minutes
        t.Snapshot(Min(6), "site:north", "1h", Csat(72));   // between 70 and 75: hysteresis holds it
        t.Snapshot(Min(7), "site:north", "1h", Csat(69));
        t.Snapshot(Min(8), "site:north", "1h", Csat(75));   // resolves at the resolve bound

        Assert.Equal("5m:firing 8m:resolved", t.NoticeLog);
        var fired = t.Notices[0].Alert;
        Assert.Equal(AlertSeverity.Critical, fired.Severity);
        Assert.Equal("CSAT at north is 66 % (below 70 %)", AlertTemplate.Render(CsatLow.Summaries["en"], fired.Rule, fired.Scope, fired.Values));
    }

    [Fact]
    public void A_pending_alert_whose_condition_ends_before_its_duration_is_forgotten_without_a_notice()
    {
        var t = new RuleTimeline(CsatLow);

        t.Snapshot(Min(0), "site:north", "1h", Csat(65));
        var changes = t.Snapshot(Min(2), "site:north", "1h", Csat(80));
        t.Snapshot(Min(6), "site:north", "1h", Csat(65));   // a new pending period starts here

        Assert.True(Assert.Single(changes).Discarded);
        Assert.Empty(t.Notices);
        Assert.Equal(Start + Min(6), Assert.Single(t.Evaluator.OpenAlerts).Since);
    }

    [Fact]
    public void Too_few_ratings_or_another_window_or_scope_kind_change_nothing()
    {
        var t = new RuleTimeline(CsatLow with { For = TimeSpan.Zero });

        t.Snapshot(Min(0), "site:north", "1h", Csat(10, n: 19));
        t.Snapshot(Min(1), "site:north", "24h", Csat(10));
        t.Snapshot(Min(2), "channel:web", "1h", Csat(10));

        Assert.Empty(t.Notices);
        Assert.Empty(t.Evaluator.OpenAlerts);
    }

    [Fact]
    public void A_condition_that_returns_soon_after_resolving_reopens_the_same_alert_silently()
    {
        var t = new RuleTimeline(CsatLow with { For = TimeSpan.Zero });

        t.Snapshot(Min(0), "site:north", "1h", Csat(60));
        t.Snapshot(Min(1), "site:north", "1h", Csat(80));
        t.Snapshot(Min(10), "site:north", "1h", Csat(60));  // within the 15-minute flap window
        t.Snapshot(Min(11), "site:north", "1h", Csat(80));
        t.Snapshot(Min(40), "site:north", "1h", Csat(60));  // long after: a new alert, notified

        Assert.Equal("0m:firing 1m:resolved 11m:resolved 40m:firing", t.NoticeLog);
        Assert.Equal(1, t.Notices[2].Alert.Flaps);
    }

    [Fact]
    public void One_scope_at_a_time_each_with_its_own_alert()
    {
        var t = new RuleTimeline(CsatLow with { For = TimeSpan.Zero });

        t.At(Min(0), (e, now) => e.EvaluateSnapshots(new Dictionary<(string, string), SatisfactionSnapshot>
        {
            [("site:north", "1h")] = Csat(60),
            [("site:south", "1h")] = Csat(65),
            [("site:east", "1h")] = Csat(90),
        }, now));
        t.Snapshot(Min(1), "site:north", "1h", Csat(50));

        Assert.Equal(["site:north", "site:south"], t.Evaluator.OpenAlerts.Select(a => a.Scope).Order());
        Assert.Equal(2, t.Notices.Count);
    }

    [Fact]
    public void A_significant_drop_against_the_baseline_fires_and_clears_when_half_recovered()
    {
        var rule = new CriticalMomentRule { Name = "csat-drop", Kind = RuleKind.Drop, Drop = new DropCondition("today", 10, 0.01, 30) };
        var t = new RuleTimeline(rule);
        SatisfactionSnapshot With(double change, double p) => Csat(80 + change) with { Baseline = new BaselineComparison(80, change, p, null, null, null, null, p < 0.05) };

        t.Snapshot(Min(0), "site:north", "today", With(-12, 0.05));  // not significant enough
        t.Snapshot(Min(1), "site:north", "today", With(-12, 0.001)); // fires
        t.Snapshot(Min(2), "site:north", "today", With(-6, 0.001));  // more than half still down: holds
        t.Snapshot(Min(3), "site:north", "today", With(-4, 0.001));  // less than half: clears

        Assert.Equal("1m:firing 3m:resolved", t.NoticeLog);
        Assert.Equal("-12", t.Notices[0].Alert.Values["change"]);
    }
}
