using CxMonitor.Core.Alerts;
using static CxMonitor.Core.Tests.Alerts.RuleTimeline;

namespace CxMonitor.Core.Tests.Alerts;

/// <summary>Issue 13 item 12: a new rating after resolution is a new moment with its own alert;
/// only a measured condition flaps back into the alert it left.</summary>
public class AlertsAfterResolution
{
    [Fact]
    public void A_new_matching_rating_after_resolution_opens_a_new_alert_with_its_own_firing_time()
    {
        var rule = new CriticalMomentRule { Name = "safety", Kind = RuleKind.Event, Event = new EventCondition { Keywords = ["poisoning"] } };
        var t = new RuleTimeline(rule);
        var fired = t.Events(Min(0), Rating(Min(0), "north", 1, 0, "poisoning", negative: true)).Single().Alert with { Id = 7 };
        t.Evaluator.Update(fired);
        var resolved = AlertStateMachine.Resolve(fired, Start + Min(2), "resolved by olena").Alert;
        t.Evaluator.Update(resolved);

        var again = t.Events(Min(5), Rating(Min(5), "north", 1, 0, "poisoning again", negative: true)).Single();

        Assert.Equal("firing", again.Notice);
        Assert.Equal(0, again.Alert.Id); // the store gives it a new row
        Assert.Equal(Start + Min(5), again.Alert.FiredAt);
        Assert.Equal(0, again.Alert.Flaps);
        Assert.Equal("\"poisoning\"", again.Alert.Values["match"]);
    }

    [Fact]
    public void A_threshold_that_comes_back_within_the_flap_window_reopens_its_alert_with_the_values_of_now()
    {
        var rule = new CriticalMomentRule
        {
            Name = "low", Kind = RuleKind.Threshold, Threshold = new ThresholdCondition("csat", "1h", 60, null, 70, 10),
        };
        var t = new RuleTimeline(rule);
        var fired = t.Snapshot(Min(0), "site:north", "1h", Csat(50)).Single().Alert with { Id = 3 };
        t.Evaluator.Update(fired);
        t.Snapshot(Min(5), "site:north", "1h", Csat(75));

        var back = t.Snapshot(Min(10), "site:north", "1h", Csat(55)).Single();

        Assert.Null(back.Notice);
        Assert.Equal((3L, 1, "55"), (back.Alert.Id, back.Alert.Flaps, back.Alert.Values["value"]));
    }
}
