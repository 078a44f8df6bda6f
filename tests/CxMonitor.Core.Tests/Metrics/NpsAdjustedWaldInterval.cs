using CxMonitor.Core.Metrics;

namespace CxMonitor.Core.Tests.Metrics;

// Rocks (2016): n' = n + 3, p' = (P + 0.75) / n', d' = (D + 0.75) / n', centre p' − d',
// half-width 1.96 · sqrt((p' + d' − (p' − d')²) / n'), clamped to −100…100.
// Ten promoters of ten: n' = 13, p' = 10.75/13 = 0.826923, d' = 0.75/13 = 0.057692,
// centre 0.769231, variance (0.884615 − 0.591716)/13 = 0.0225307, half-width 0.294200:
// 47.503 to 100 (clamped), where the plain margin says "100 ± 0".
public class NpsAdjustedWaldInterval
{
    private const double Tolerance = 1e-6;

    [Theory]
    [InlineData(10, 0, 10, 47.5030109, 100.0)]
    [InlineData(0, 10, 10, -100.0, -47.5030109)]
    [InlineData(50, 20, 100, 14.0508532, 44.2015740)]
    [InlineData(0, 0, 10, -18.4653842, 18.4653842)]
    [InlineData(1, 0, 1, -48.5, 98.5)]
    [InlineData(120, 45, 300, 16.8847379, 32.6202126)]
    public void The_interval_adds_three_quarters_to_promoters_and_detractors_and_three_to_n(long promoters, long detractors, long n, double low, double high)
    {
        var interval = Proportions.NpsAdjustedWald(promoters, detractors, n);

        Assert.Equal(low, interval.Low, Tolerance);
        Assert.Equal(high, interval.High, Tolerance);
    }

    [Fact]
    public void Ten_promoters_no_longer_read_as_a_certain_hundred()
    {
        Assert.Equal(0.0, Proportions.NpsMarginOfError(10, 0, 10));
        Assert.True(Proportions.NpsAdjustedWald(10, 0, 10).Low < 50);
    }

    [Fact]
    public void A_snapshot_carries_the_adjusted_interval_and_the_n_of_each_figure()
    {
        // 12 csat5 answers (9 satisfied), 10 nps11 answers (10 promoters), 3 ces7: 25 ratings.
        var totals = new SatisfactionTotals
        {
            Ratings = 25, CsatRatings = 12, CsatSatisfied = 9, NpsRatings = 10, Promoters = 10, Detractors = 0, CesRatings = 3, CesSum = 15, NormSum = 1800,
        };

        var s = SatisfactionSnapshot.From(totals, null);

        Assert.Equal((25L, 12L, 10L), (s.N, s.CsatN, s.NpsN));
        Assert.Equal(100.0, s.Nps);
        Assert.Equal(47.5030109, s.NpsInterval!.Value.Low, Tolerance);
        Assert.Equal(100.0, s.NpsInterval!.Value.High, Tolerance);
    }

    [Theory]
    // 50/20 of 100 against 30/30 of 100: scores 0.30 and 0, variances 0.61 and 0.60,
    // se = sqrt(0.0061 + 0.0060) = 0.11, z = 2.72727, p = 0.006386.
    [InlineData(50, 20, 100, 30, 30, 100, 2.7272727, 0.0063860)]
    // 120/45 of 300 against 100/60 of 300: 0.25 and 0.1333, variances 0.4875 and 0.51556, z = 2.01765, p = 0.043628.
    [InlineData(120, 45, 300, 100, 60, 300, 2.0176458, 0.0436282)]
    [InlineData(10, 0, 10, 10, 0, 10, 0.0, 1.0)]
    public void An_nps_change_is_tested_with_the_variance_of_each_sample(long p1, long d1, long n1, long p2, long d2, long n2, double z, double p)
    {
        var test = Proportions.NpsDifferenceZ(p1, d1, n1, p2, d2, n2);

        Assert.Equal(z, test.Z, 1e-6);
        Assert.Equal(p, test.PValue, 1e-6);
    }
}
