using CxMonitor.Core.Alerts;
using static CxMonitor.Core.Tests.Alerts.RuleTimeline;

namespace CxMonitor.Core.Tests.Alerts;

/// <summary>Issue 13 item 9: back-filled or late items count in the figures but page nobody.</summary>
public class LateEvents
{
    private static readonly CriticalMomentRule Safety = new()
    {
        Name = "safety", Kind = RuleKind.Event, Severity = AlertSeverity.Critical, Event = new EventCondition { Keywords = ["food poisoning"] },
    };

    [Fact]
    public void A_safety_complaint_from_hours_ago_pages_nobody_while_a_fresh_one_does()
    {
        var t = new RuleTimeline(Safety);

        t.Events(Min(180), Rating(Min(60), "north", 1, 0, "food poisoning", negative: true));   // two hours late
        t.Events(Min(181), Rating(Min(165), "north", 1, 0, "food poisoning", negative: true));  // sixteen minutes late
        Assert.Empty(t.Notices);
        t.Events(Min(182), Rating(Min(168), "south", 1, 0, "food poisoning", negative: true));  // fourteen minutes late

        Assert.Equal("182m:firing", t.NoticeLog);
        Assert.Equal("site:south", t.Notices[0].Alert.Scope);
    }

    [Fact]
    public void The_age_limit_is_a_setting()
    {
        var t = new RuleTimeline(Safety);
        t.Evaluator.MaxEventAge = TimeSpan.FromHours(3);

        t.Events(Min(180), Rating(Min(60), "north", 1, 0, "food poisoning", negative: true));

        Assert.Equal("180m:firing", t.NoticeLog);
    }

    [Fact]
    public void Late_negatives_do_not_make_a_burst()
    {
        var rule = new CriticalMomentRule { Name = "burst", Kind = RuleKind.Burst, Count = new CountCondition(3, Min(15), 1) };
        var t = new RuleTimeline(rule);

        // A terminal that was offline uploads three negatives from an hour ago, then one fresh one arrives.
        t.Events(Min(60), Rating(Min(0), "north", 1, 0, negative: true), Rating(Min(1), "north", 1, 0, negative: true), Rating(Min(2), "north", 1, 0, negative: true));
        t.Events(Min(61), Rating(Min(61), "north", 1, 0, negative: true));

        Assert.Empty(t.Notices);
    }

    [Fact]
    public void Late_ratings_still_tell_silence_and_loyalty_what_happened()
    {
        var silent = new CriticalMomentRule { Name = "silent", Kind = RuleKind.Silence, SilentFor = Min(45) };
        var loyal = new CriticalMomentRule { Name = "loyal", Kind = RuleKind.Event, Event = new EventCondition { LoyalTurnedNegative = true } };
        var t = new RuleTimeline(silent, loyal);

        // Uploaded 20 minutes late: the site was not silent, and the customer was happy then.
        t.Events(Min(50), Rating(Min(30), "north", 5, 100, customer: "c1", positive: true));
        t.Tick(Min(60), null, "north");
        Assert.Empty(t.Notices);

        t.Events(Min(61), Rating(Min(61), "north", 1, 0, customer: "c1", negative: true));
        Assert.Equal("61m:firing", t.NoticeLog);
        Assert.Equal("loyal", t.Notices[0].Alert.Rule);
    }
}
