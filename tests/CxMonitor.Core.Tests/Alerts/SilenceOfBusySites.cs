using CxMonitor.Core.Alerts;
using static CxMonitor.Core.Tests.Alerts.RuleTimeline;

namespace CxMonitor.Core.Tests.Alerts;

/// <summary>Issue 13 item 11: "No ratings from warsaw-centrum for never" must not happen to a
/// site whose ratings keep coming, and a dead terminal shows even while web surveys arrive.</summary>
public class SilenceOfBusySites
{
    private static readonly CriticalMomentRule Silent = new() { Name = "silent", Kind = RuleKind.Silence, SilentFor = Min(45) };

    [Fact]
    public void A_busy_site_does_not_fire_at_the_first_tick_after_a_restart()
    {
        var t = new RuleTimeline(Silent);

        // A fresh evaluator (the app just started) ticks before the first batch of ratings lands.
        t.Tick(Min(0), null, "warsaw");
        for (var m = 1; m <= 120; m++)
        {
            t.Events(Min(m), Rating(Min(m), "warsaw", 4, 75));
            t.Tick(Min(m), null, "warsaw");
        }

        Assert.Empty(t.Notices);
    }

    [Fact]
    public void A_site_never_heard_from_is_silent_from_when_listening_began_and_says_for_how_long()
    {
        var t = new RuleTimeline(Silent);

        t.Tick(Min(0), null, "warsaw");
        t.Tick(Min(44), null, "warsaw");
        t.Tick(Min(45), null, "warsaw");

        Assert.Equal("45m:firing", t.NoticeLog);
        Assert.Equal("45 min", t.Notices[0].Alert.Values["value"]);
    }

    [Fact]
    public void A_terminal_silence_shows_while_web_surveys_keep_coming()
    {
        var terminals = Silent with { Name = "terminal-silent", SilentFor = Min(10), RatingSource = "terminal" };
        var t = new RuleTimeline(terminals, Silent);

        t.Events(Min(0), Rating(Min(0), "warsaw", 4, 75) with { Source = "terminal" });
        for (var m = 1; m <= 20; m++)
        {
            t.Events(Min(m), Rating(Min(m), "warsaw", 4, 75) with { Source = "survey" });
            t.Tick(Min(m), null, "warsaw");
        }
        t.Events(Min(21), Rating(Min(21), "warsaw", 4, 75) with { Source = "terminal" });
        t.Tick(Min(21), null, "warsaw");

        Assert.Equal("10m:firing 21m:resolved", t.NoticeLog);
        Assert.All(t.Notices, n => Assert.Equal("terminal-silent", n.Alert.Rule));
    }
}
