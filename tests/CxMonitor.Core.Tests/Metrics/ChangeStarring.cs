using CxMonitor.Core.Metrics;

namespace CxMonitor.Core.Tests.Metrics;

/// <summary>Issue 13 items 5 and 6: no change against almost nothing, and stars only for changes
/// that survive the false-discovery-rate correction and are large enough to matter.</summary>
public class ChangeStarring
{
    [Theory]
    // m = 5 tested (the null is not): sorted 0.005, 0.01, 0.03, 0.04, 0.20 against k·0.05/5 =
    // 0.01, 0.02, 0.03, 0.04, 0.05: the largest k that passes is 4, so the first four are discoveries.
    [InlineData(new[] { 0.01, 0.04, 0.03, 0.005, -1, 0.20 }, new[] { true, true, true, true, false, false })]
    // Step-up: 0.02 > 1·0.05/3 on its own, but 0.03 ≤ 3·0.05/3 carries all three.
    [InlineData(new[] { 0.02, 0.025, 0.03 }, new[] { true, true, true })]
    // One p of 0.04 among ten tests: 0.04 > 0.005, and nothing else passes either.
    [InlineData(new[] { 0.04, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.3, 0.4 }, new[] { false, false, false, false, false, false, false, false, false, false })]
    public void Benjamini_Hochberg_keeps_the_largest_k_with_p_at_most_k_q_over_m(double[] p, bool[] expected)
    {
        var pValues = p.Select(x => x < 0 ? (double?)null : x).ToArray();

        Assert.Equal(expected, ChangeStars.BenjaminiHochberg(pValues, 0.05));
    }

    [Fact]
    public void A_significant_change_smaller_than_the_minimum_effect_gets_no_star()
    {
        // London 7d +0.7 pp with p = 0.0001 at huge n: real, but too small to act on.
        var stars = ChangeStars.Star([(0.0001, 0.7), (0.0001, -3.0), (0.2, 6.0), (0.0001, null)], 0.05, minimumEffect: 2);

        Assert.Equal([false, true, false, false], stars);
    }

    [Fact]
    public void Below_the_minimum_baseline_n_the_baseline_shows_but_there_is_no_change()
    {
        // 80 of 100 satisfied now; the baseline has 20 of 25 (80 %) and 2 promoters of 25 NPS answers.
        var current = new SatisfactionTotals { Ratings = 150, CsatRatings = 100, CsatSatisfied = 70, NpsRatings = 50, Promoters = 30, Detractors = 5 };
        var thin = new SatisfactionTotals { Ratings = 50, CsatRatings = 25, CsatSatisfied = 20, NpsRatings = 25, Promoters = 2, Detractors = 10 };

        var gated = SatisfactionSnapshot.From(current, thin, minimumN: 10, minimumBaselineN: 100).Baseline!;
        var open = SatisfactionSnapshot.From(current, thin, minimumN: 10, minimumBaselineN: 0).Baseline!;

        Assert.Equal((80.0, 25L, 25L), (gated.BaselineCsat!.Value, gated.BaselineCsatN, gated.BaselineNpsN));
        Assert.Equal(((double?)null, (double?)null, (double?)null, (double?)null, false), (gated.CsatChange, gated.CsatPValue, gated.NpsChange, gated.NpsPValue, gated.Significant));
        Assert.Equal(-10.0, open.CsatChange!.Value, 9);
        // NPS 50 against −32: 82 points.
        Assert.Equal(82.0, open.NpsChange!.Value, 9);
        Assert.True(open.NpsPValue < 0.001);
    }
}
