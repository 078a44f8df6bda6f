using CxMonitor.Core.Alerts;
using static CxMonitor.Core.Tests.Alerts.RuleTimeline;

namespace CxMonitor.Core.Tests.Alerts;

/// <summary>An event rule now tests every condition before it words anything (issue 19): the
/// reasons keep their order (score, stars, keyword, VIP, loyalty) and any one failing condition
/// still stops the match.</summary>
public class EventMatchReasons
{
    private static readonly CriticalMomentRule Everything = new()
    {
        Name = "everything", Kind = RuleKind.Event, Severity = AlertSeverity.Critical,
        Event = new EventCondition { Source = "rating", MaxNorm = 25, Keywords = ["poison*"], VipCustomers = ["vip-1"], LoyalTurnedNegative = true },
    };

    [Fact]
    public void Reasons_come_in_their_order_whichever_condition_is_tested_first()
    {
        var t = new RuleTimeline(Everything);
        t.Events(Min(0), Rating(Min(0), "north", 5, 100, customer: "vip-1", positive: true));
        t.Events(Min(1), Rating(Min(1), "north", 1, 0, text: "I was poisoned", customer: "vip-1", negative: true));

        var fired = Assert.Single(t.Notices).Alert;
        Assert.Equal("score 1, \"poisoned\", VIP customer, a loyal customer turned negative", fired.Values["match"]);
        Assert.Equal("score,keyword,vip,loyal", fired.Values["reasons"]);
        Assert.Equal("poisoned", fired.Values["keyword"]);
    }

    [Theory]
    [InlineData(30, "I was poisoned", "vip-1", true)]
    [InlineData(0, "It was cold", "vip-1", true)]
    [InlineData(0, "I was poisoned", "vip-2", true)]
    [InlineData(0, "I was poisoned", "vip-1", false)]
    public void One_condition_that_fails_stops_the_match(double norm, string text, string customer, bool wasLoyal)
    {
        var t = new RuleTimeline(Everything);
        t.Events(Min(0), Rating(Min(0), "north", wasLoyal ? 5 : 3, wasLoyal ? 100 : 50, customer: customer, positive: wasLoyal, negative: !wasLoyal));
        t.Events(Min(1), Rating(Min(1), "north", 1, norm, text: text, customer: customer, negative: true));

        Assert.Empty(t.Notices);
    }

    [Fact]
    public void A_review_is_not_matched_by_a_rule_for_ratings_even_when_it_fits_everything_else()
    {
        var rule = new CriticalMomentRule { Name = "r", Kind = RuleKind.Event, Event = new EventCondition { Source = "rating", Keywords = ["poison*"] } };
        var t = new RuleTimeline(rule);
        t.Events(Min(0), Review(Min(0), "north", 1, "I was poisoned"));
        Assert.Empty(t.Notices);
        t.Events(Min(1), Rating(Min(1), "north", 1, 0, text: "I was poisoned"));
        Assert.Equal("1m:firing", t.NoticeLog);
    }
}
