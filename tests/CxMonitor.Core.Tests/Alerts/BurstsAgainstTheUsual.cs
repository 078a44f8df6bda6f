using CxMonitor.Core.Alerts;
using static CxMonitor.Core.Tests.Alerts.RuleTimeline;

namespace CxMonitor.Core.Tests.Alerts;

/// <summary>Issue 13 item 10: a burst rule can compare the unhappy share of its window with the
/// usual share and volume of its scope, so a busy touchpoint's normal quarter hour stays quiet.</summary>
public class BurstsAgainstTheUsual
{
    private static readonly CriticalMomentRule Relative = new()
    {
        Name = "burst", Kind = RuleKind.Burst, GroupBy = "site",
        Count = new CountCondition(5, Min(15), 2) { AboveUsual = 2, MaxPValue = 0.001, UsualMinSamples = 200 },
    };

    /// <summary>Ten ratings a minute at one site, one in <paramref name="oneIn"/> unhappy.</summary>
    private static void Minutes(RuleTimeline t, int from, int to, int oneIn)
    {
        for (var m = from; m < to; m++)
        {
            var events = Enumerable.Range(0, 10).Select(i => Rating(Min(m + i / 10.0), "north", i % oneIn == 0 ? 1 : 5, 0, negative: i % oneIn == 0)).ToArray();
            t.Events(Min(m + 0.95), events);
        }
    }

    [Fact]
    public void A_normal_quarter_hour_at_a_busy_touchpoint_stays_quiet_where_a_fixed_count_fires()
    {
        var fixedCount = Relative with { Name = "fixed", Count = new CountCondition(5, Min(15), 2) };
        var t = new RuleTimeline(Relative, fixedCount);

        Minutes(t, 0, 120, oneIn: 5); // 20 % unhappy, 30 of 150 in every quarter hour

        Assert.All(t.Notices, n => Assert.Equal("fixed", n.Alert.Rule));
        Assert.NotEmpty(t.Notices);
    }

    [Fact]
    public void A_share_well_above_its_usual_level_fires_and_resolves_when_it_returns()
    {
        var t = new RuleTimeline(Relative);
        Minutes(t, 0, 60, oneIn: 5);     // learns: 20 % is usual here
        Minutes(t, 60, 70, oneIn: 1);    // everybody unhappy: 40 % of the quarter hour after four minutes
        Minutes(t, 70, 100, oneIn: 5);

        var fired = t.Notices.Single(n => n.Notice == "firing");
        Assert.InRange((fired.At - Start).TotalMinutes, 63, 65);
        Assert.Equal("20", fired.Alert.Values["usual"]);
        Assert.Contains(t.Notices, n => n.Notice == "resolved" && n.At > fired.At);
    }

    [Fact]
    public void Until_the_usual_level_is_known_it_holds_rather_than_guess()
    {
        var t = new RuleTimeline(Relative);

        Minutes(t, 0, 10, oneIn: 1); // everybody unhappy from the first minute: nothing to compare with yet

        Assert.Empty(t.Notices);
    }

    [Theory]
    // Hand-computed: z = (x − 0.5 − n·p0) / √(n·p0·(1 − p0)), p = 1 − Φ(z).
    [InlineData(30, 150, 0.2, 0.5)]            // z = (29.5 − 30) / 4.899 = −0.102 → 0.541
    [InlineData(50, 100, 0.2, 1.0e-13)]        // z = (49.5 − 20) / 4 = 7.375 → 8.2e-14
    [InlineData(9, 20, 0.2, 0.0052)]           // z = (8.5 − 4) / 1.789 = 2.516 → 0.00594
    public void The_upper_tail_p_value_follows_the_normal_approximation(long x, long n, double p0, double about)
    {
        var p = RuleConditions.UpperTailPValue(x, n, p0);

        Assert.InRange(p, about / 10, about * 1.2);
    }
}
