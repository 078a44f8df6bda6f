using CxMonitor.Core.Alerts;
using static CxMonitor.Core.Tests.Alerts.RuleTimeline;

namespace CxMonitor.Core.Tests.Alerts;

/// <summary>A change decided on accepted items that another node's write made void is stepped
/// again from the alert as stored, with the same condition and items, not evaluated again.</summary>
public class RedoOfVoidedChanges
{
    private static readonly CriticalMomentRule Poisoning = new()
    {
        Name = "poisoning", Kind = RuleKind.Event, Severity = AlertSeverity.Critical, Event = new EventCondition { Keywords = ["poisoning"] },
    };

    private static readonly CriticalMomentRule Burst = new()
    {
        Name = "burst", Kind = RuleKind.Burst, GroupBy = "site", Severity = AlertSeverity.Warning, Count = new CountCondition(3, Min(10), 1),
    };

    [Fact]
    public void A_match_on_an_alert_acknowledged_elsewhere_joins_it_as_acknowledged_with_its_item()
    {
        var t = new RuleTimeline(Poisoning);
        var fired = Assert.Single(t.Events(Min(0), Rating(Min(0), "north", 1, 0, "food poisoning")));
        t.Evaluator.Update(fired.Alert with { Id = 5, Version = 1 });
        var second = Rating(Min(3), "north", 1, 0, "poisoning again");
        var voided = t.Events(Min(3), second);

        // The other node acknowledged it meanwhile: version 2.
        var stored = fired.Alert with { Id = 5, Version = 2, State = AlertState.Acknowledged, AcknowledgedAt = Start + Min(2) };
        t.Evaluator.ReplaceLive([stored]);
        var redone = Assert.Single(t.Evaluator.Redo(voided, Start + Min(3)));

        Assert.Equal("another matching item", redone.Reason);
        Assert.Null(redone.Notice);
        Assert.Equal(AlertState.Acknowledged, redone.Alert.State);
        Assert.Equal((5L, 2L), (redone.Alert.Id, redone.Alert.Version));
        Assert.Equal(Start + Min(3), redone.Alert.LastMatchAt);
        Assert.Equal([second], redone.Triggers);
        Assert.Equal(AlertState.Acknowledged, Assert.Single(t.Evaluator.OpenAlerts).State);
    }

    [Fact]
    public void A_burst_another_node_opened_first_is_joined_without_a_second_firing()
    {
        var t = new RuleTimeline(Burst);
        t.Events(Min(0), Rating(Min(0), "north", 1, 0, negative: true), Rating(Min(1), "north", 1, 0, negative: true));
        var voided = t.Events(Min(2), Rating(Min(2), "north", 1, 0, negative: true));
        var fired = Assert.Single(voided);
        Assert.Equal("firing", fired.Notice);

        var theirs = fired.Alert with { Id = 9, Version = 4, FiredAt = Start + Min(1.5), NoticeSequence = 1 };
        t.Evaluator.ReplaceLive([theirs]);
        var redone = Assert.Single(t.Evaluator.Redo(voided, Start + Min(2)));

        Assert.Null(redone.Notice);
        Assert.Equal("another matching item", redone.Reason);
        Assert.Equal((9L, 4L, AlertState.Firing), (redone.Alert.Id, redone.Alert.Version, redone.Alert.State));
        Assert.Equal(fired.Measured, redone.Measured);
        Assert.Equal("3", redone.Measured!["value"]);
        // The joined alert is now the evaluator's own: the next negative finds a burst already
        // alerting and opens no second one.
        t.Evaluator.Update(redone.Alert with { Version = 5 });
        Assert.Empty(t.Events(Min(4), Rating(Min(4), "north", 1, 0, negative: true)));
    }

    [Fact]
    public void A_change_of_a_rule_removed_meanwhile_is_let_go()
    {
        var t = new RuleTimeline(Poisoning);
        var voided = t.Events(Min(0), Rating(Min(0), "north", 1, 0, "food poisoning"));
        t.Evaluator.ReplaceLive([]);
        t.Evaluator.SetRules([Burst]);

        Assert.Empty(t.Evaluator.Redo(voided, Start + Min(1)));
    }
}
