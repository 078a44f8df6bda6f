using CxMonitor.Core.Alerts;
using static CxMonitor.Core.Tests.Alerts.RuleTimeline;

namespace CxMonitor.Core.Tests.Alerts;

public class EventRules
{
    private static CriticalMomentRule Rule(EventCondition condition) =>
        new() { Name = "event", Kind = RuleKind.Event, Severity = AlertSeverity.Critical, Event = condition };

    [Theory]
    [InlineData("I got FOOD poisoning there!", true)]
    [InlineData("Отравление после обеда", true)]
    [InlineData("отравился", true)]
    [InlineData("Отруєння після обіду", true)]
    [InlineData("the café was nice", false)]
    [InlineData("poisonous? no, just slow", false)]
    public void Keywords_match_whole_words_or_prefixes_whatever_the_case_diacritics_or_script(string text, bool fires)
    {
        var t = new RuleTimeline(Rule(new EventCondition { Keywords = ["food poisoning", "отрав*", "отруєння"] }));

        t.Events(Min(0), Rating(Min(0), "north", 1, 0, text));

        Assert.Equal(fires ? "0m:firing" : "", t.NoticeLog);
    }

    [Theory]
    [InlineData("Кажется, я ОТРАВИЛСЯ салатом", "отравился")]
    [InlineData("I got Food  Poisoning!", "food poisoning")]
    public void The_match_names_the_customers_own_word_not_the_keywords_prefix(string text, string word)
    {
        var t = new RuleTimeline(Rule(new EventCondition { Keywords = ["food poisoning", "отрав*"] }));

        t.Events(Min(0), Rating(Min(0), "north", 1, 0, text));

        Assert.Equal(word, t.Notices[0].Alert.Values["keyword"]);
        Assert.Equal("keyword", t.Notices[0].Alert.Values["reasons"]);
    }

    [Fact]
    public void Diacritics_do_not_hide_a_keyword()
    {
        var t = new RuleTimeline(Rule(new EventCondition { Keywords = ["cafe"] }));

        t.Events(Min(0), Rating(Min(0), "north", 1, 0, "Le Café était sale"));

        Assert.Equal("0m:firing", t.NoticeLog);
        Assert.Equal("\"cafe\"", t.Notices[0].Alert.Values["match"]);
    }

    [Fact]
    public void A_low_score_from_a_vip_fires_and_a_high_one_does_not()
    {
        var t = new RuleTimeline(Rule(new EventCondition { MaxNorm = 25, VipCustomers = ["vip-7"] }));

        t.Events(Min(0), Rating(Min(0), "north", 5, 100, customer: "vip-7"), Rating(Min(0), "north", 1, 0, customer: "someone"));
        t.Events(Min(1), Rating(Min(1), "north", 1, 0, customer: "vip-7"));

        Assert.Equal("1m:firing", t.NoticeLog);
        Assert.Equal("score 1, VIP customer", t.Notices[0].Alert.Values["match"]);
    }

    [Fact]
    public void A_promoter_who_turns_detractor_fires_but_a_first_or_neutral_answer_does_not()
    {
        var t = new RuleTimeline(Rule(new EventCondition { LoyalTurnedNegative = true }));

        t.Events(Min(0), Rating(Min(0), "north", 10, 100, customer: "c1", positive: true, scale: "nps11"));
        t.Events(Min(1), Rating(Min(1), "north", 2, 20, customer: "c2", negative: true, scale: "nps11"));   // first answer
        t.Events(Min(2), Rating(Min(2), "north", 7, 70, customer: "c3", scale: "nps11"));                  // neutral first
        t.Events(Min(3), Rating(Min(3), "north", 1, 10, customer: "c3", negative: true, scale: "nps11"));
        t.Events(Min(4), Rating(Min(4), "north", 3, 30, customer: "c1", negative: true, scale: "nps11"));  // loyal turned

        Assert.Equal("4m:firing", t.NoticeLog);
    }

    [Fact]
    public void More_matches_join_the_open_alert_and_it_resolves_after_a_quiet_hour()
    {
        var t = new RuleTimeline(Rule(new EventCondition { MaxStars = 1, Source = "review", QuietAfter = TimeSpan.FromHours(1) }));

        t.Events(Min(0), Review(Min(0), "north", 1, "awful"));
        var second = t.Events(Min(20), Review(Min(20), "north", 1, "dreadful"));
        t.Tick(Min(79));
        t.Tick(Min(80));

        Assert.Equal("another matching item", Assert.Single(second).Reason);
        Assert.Equal("0m:firing 80m:resolved", t.NoticeLog);
    }

    [Fact]
    public void A_rule_for_some_sites_ignores_the_others()
    {
        var t = new RuleTimeline(Rule(new EventCondition { MaxNorm = 0 }) with { Sites = ["south"] });

        t.Events(Min(0), Rating(Min(0), "north", 1, 0), Rating(Min(0), "south", 1, 0));

        Assert.Equal("site:south", Assert.Single(t.Notices).Alert.Scope);
    }
}
