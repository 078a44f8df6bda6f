using CxMonitor.Core.Alerts;
using static CxMonitor.Core.Tests.Alerts.RuleTimeline;

namespace CxMonitor.Core.Tests.Alerts;

public class CountAndSilenceRules
{
    [Fact]
    public void A_burst_fires_at_k_negatives_within_m_minutes_and_resolves_as_they_age_out()
    {
        var rule = new CriticalMomentRule { Name = "burst", Kind = RuleKind.Burst, Count = new CountCondition(3, Min(10), 1) };
        var t = new RuleTimeline(rule);

        t.Events(Min(0), Rating(Min(0), "north", 1, 0, negative: true));
        t.Events(Min(4), Rating(Min(4), "north", 1, 0, negative: true), Rating(Min(4), "north", 5, 100));
        t.Events(Min(12), Rating(Min(12), "north", 1, 0, negative: true)); // the first has aged out: 2 of 3
        t.Events(Min(13), Rating(Min(13), "north", 2, 25, negative: true)); // 3 within 10 minutes
        t.Tick(Min(20));  // two left (12 and 13): between the bounds, it holds
        t.Tick(Min(24));  // all aged out: clear

        Assert.Equal("13m:firing 24m:resolved", t.NoticeLog);
        Assert.Equal("3", t.Notices[0].Alert.Values["value"]);
    }

    [Fact]
    public void Another_nodes_items_count_for_bursts_but_never_fire_an_event_rule()
    {
        var burst = new CriticalMomentRule { Name = "burst", Kind = RuleKind.Burst, Count = new CountCondition(3, Min(10), 1) };
        var poisoning = new CriticalMomentRule { Name = "event", Kind = RuleKind.Event, Event = new EventCondition { Keywords = ["poisoning"] } };
        var t = new RuleTimeline(burst, poisoning);
        AlertEvent Theirs(TimeSpan at) => Rating(at, "north", 1, 0, "food poisoning", negative: true) with { FromOtherNode = true };

        t.Events(Min(0), Theirs(Min(0)), Theirs(Min(1))); // accepted elsewhere: that node fired the event rule
        Assert.Equal("", t.NoticeLog);
        t.Events(Min(2), Rating(Min(2), "north", 1, 0, negative: true)); // ours is the third negative

        Assert.Equal("2m:firing", t.NoticeLog);
        Assert.Equal("burst", t.Notices[0].Alert.Rule);
    }

    [Fact]
    public void A_review_spike_counts_negative_reviews_only()
    {
        var rule = new CriticalMomentRule { Name = "spike", Kind = RuleKind.ReviewSpike, Count = new CountCondition(2, TimeSpan.FromHours(1), 1) };
        var t = new RuleTimeline(rule);

        t.Events(Min(0), Review(Min(0), "north", 1), Review(Min(1), "north", 5), Rating(Min(1), "north", 1, 0, negative: true));
        t.Events(Min(30), Review(Min(30), "north", 2));

        Assert.Equal("30m:firing", t.NoticeLog);
    }

    [Fact]
    public void Silence_fires_only_when_the_site_was_open_throughout_and_resolves_when_it_closes()
    {
        var rule = new CriticalMomentRule { Name = "silent", Kind = RuleKind.Silence, SilentFor = Min(30) };
        var t = new RuleTimeline(rule);
        // Open 09:00-18:00 UTC; the clock starts at 09:00.
        bool Open(string site, DateTimeOffset at) => at.Hour is >= 9 and < 18;
        t.Evaluator.SetLastRating("north", Start - Min(10)); // 08:50, before opening

        t.Tick(Min(20), Open, "north");    // 09:20: open only 20 of the last 30 minutes
        t.Tick(Min(31), Open, "north");    // 09:31: open and silent for 30 minutes
        t.Tick(Min(60), Open, "north");
        t.Tick(Min(9 * 60 + 5), Open, "north"); // 18:05: closed

        Assert.Equal("31m:firing 545m:resolved", t.NoticeLog);
    }

    [Fact]
    public void A_rating_ends_the_silence()
    {
        var rule = new CriticalMomentRule { Name = "silent", Kind = RuleKind.Silence, SilentFor = Min(30) };
        var t = new RuleTimeline(rule);

        t.Tick(Min(0), null, "north"); // listening starts: silence counts from here
        t.Tick(Min(40), null, "north");
        t.Events(Min(41), Rating(Min(41), "north", 5, 100));
        t.Tick(Min(42), null, "north");

        Assert.Equal("40m:firing 42m:resolved", t.NoticeLog);
    }
}
