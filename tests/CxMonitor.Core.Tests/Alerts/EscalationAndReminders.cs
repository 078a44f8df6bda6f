using CxMonitor.Core.Alerts;
using static CxMonitor.Core.Tests.Alerts.RuleTimeline;

namespace CxMonitor.Core.Tests.Alerts;

public class EscalationAndReminders
{
    private static readonly CriticalMomentRule Rule = new()
    {
        Name = "poisoning", Kind = RuleKind.Event, Event = new EventCondition { Keywords = ["poisoning"], QuietAfter = TimeSpan.FromDays(1) },
        Escalate = new Escalation(Min(15), "managers"), Repeat = TimeSpan.FromHours(1),
    };

    [Fact]
    public void An_unacknowledged_alert_escalates_once_and_is_reminded_every_repeat_interval()
    {
        var t = new RuleTimeline(Rule);

        t.Events(Min(0), Rating(Min(0), "north", 1, 0, "food poisoning"));
        t.Tick(Min(14));
        t.Tick(Min(15));
        t.Tick(Min(16));
        t.Tick(Min(75));

        Assert.Equal("0m:firing 15m:escalation 75m:reminder", t.NoticeLog);
        Assert.Equal(1, t.Notices[1].Alert.EscalationLevel);
    }

    [Fact]
    public void Acknowledging_stops_escalation_but_not_reminders()
    {
        var t = new RuleTimeline(Rule);
        t.Events(Min(0), Rating(Min(0), "north", 1, 0, "food poisoning"));
        var open = Assert.Single(t.Evaluator.OpenAlerts);

        t.Evaluator.Update(AlertStateMachine.Acknowledge(open, Start + Min(5)).Alert);
        t.Tick(Min(20));
        t.Tick(Min(60));

        Assert.Equal("0m:firing 60m:reminder", t.NoticeLog);
        Assert.Equal(AlertState.Acknowledged, t.Notices[1].Alert.State);
    }

    [Fact]
    public void Alerts_loaded_from_the_store_keep_one_open_alert_per_rule_and_scope()
    {
        var t = new RuleTimeline(Rule);
        t.Events(Min(0), Rating(Min(0), "north", 1, 0, "food poisoning"));
        var stored = Assert.Single(t.Evaluator.OpenAlerts) with { Id = 41 };

        var restarted = new RuleTimeline(Rule);
        restarted.Evaluator.Load([stored]);
        restarted.Events(Min(30), Rating(Min(30), "north", 1, 0, "poisoning again"));

        Assert.Empty(restarted.Notices);
        Assert.Equal(41, Assert.Single(restarted.Evaluator.OpenAlerts).Id);
    }

    [Fact]
    public void Templates_fill_known_names_and_leave_unknown_ones_visible()
    {
        var values = new Dictionary<string, string> { ["value"] = "42.5", ["n"] = "80" };

        Assert.Equal("csat-low at berlin: 42.5 of 80 {{nope}}",
            AlertTemplate.Render("{{rule}} at {{ site }}: {{value}} of {{n}} {{nope}}", "csat-low", "site:berlin", values));
    }
}
