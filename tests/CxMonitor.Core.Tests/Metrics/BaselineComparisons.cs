using CxMonitor.Core.Metrics;

namespace CxMonitor.Core.Tests.Metrics;

public class BaselineComparisons
{
    private const double Tolerance = 1e-9;

    // CSAT 60/80 = 75 %, NPS (15 − 6)/30 = 30, mean norm 8100/120 = 67.5.
    private static readonly SatisfactionTotals _current = new()
    {
        Ratings = 120, CsatRatings = 80, CsatSatisfied = 60, NpsRatings = 30, Promoters = 15, Detractors = 6, NormSum = 8100,
    };

    // Four weeks added together: CSAT 340/400 = 85 %, NPS (66 − 18)/120 = 40, mean norm 43200/600 = 72.
    private static readonly SatisfactionTotals _baseline = new()
    {
        Ratings = 600, CsatRatings = 400, CsatSatisfied = 340, NpsRatings = 120, Promoters = 66, Detractors = 18, NormSum = 43200,
    };

    [Fact]
    public void Changes_are_current_minus_baseline_in_points()
    {
        var comparison = SatisfactionSnapshot.From(_current, _baseline).Baseline!;

        Assert.Equal(85.0, comparison.BaselineCsat!.Value, Tolerance);
        Assert.Equal(-10.0, comparison.CsatChange!.Value, Tolerance);
        Assert.Equal(40.0, comparison.BaselineNps!.Value, Tolerance);
        Assert.Equal(-10.0, comparison.NpsChange!.Value, Tolerance);
        Assert.Equal(72.0, comparison.BaselineMeanNorm!.Value, Tolerance);
        Assert.Equal(-4.5, comparison.MeanNormChange!.Value, Tolerance);
    }

    // 60/80 against 340/400: pooled 400/480 = 0.833333, se = sqrt(0.833333 · 0.166667 ·
    // (1/80 + 1/400)) = sqrt(0.0020833) = 0.0456435, z = −0.1 / 0.0456435 = −2.19089, p = 0.028460.
    // 72/80 against 340/400: z = 1.17075, p = 0.241701. 7/10: z = −1.29921, p = 0.193873.
    [Theory]
    [InlineData(60, 80, 0.028459736916, true)]
    [InlineData(72, 80, 0.241701035373, false)]
    [InlineData(7, 10, 0.193873085524, false)]
    public void Csat_change_is_significant_below_p_of_five_percent(
        long satisfied, long csatRatings, double pValue, bool significant)
    {
        var current = _current with { CsatRatings = csatRatings, CsatSatisfied = satisfied };

        var comparison = SatisfactionSnapshot.From(current, _baseline).Baseline!;

        Assert.Equal(pValue, comparison.CsatPValue!.Value, Tolerance);
        Assert.Equal(significant, comparison.Significant);
    }

    [Fact]
    public void A_thin_baseline_gives_no_baseline_figures()
    {
        var thin = new SatisfactionTotals { Ratings = 9, CsatRatings = 9, CsatSatisfied = 9, NpsRatings = 9, Promoters = 9, NormSum = 900 };

        var comparison = SatisfactionSnapshot.From(_current, thin).Baseline!;

        Assert.Equal(new BaselineComparison(null, null, null, null, null, null, null, Significant: false) { BaselineCsatN = 9, BaselineNpsN = 9 }, comparison);
    }

    [Fact]
    public void A_thin_current_window_gives_baseline_figures_but_no_changes()
    {
        var thin = new SatisfactionTotals { Ratings = 5, CsatRatings = 5, CsatSatisfied = 1, NormSum = 100 };

        var comparison = SatisfactionSnapshot.From(thin, _baseline).Baseline!;

        Assert.Equal(new BaselineComparison(85.0, null, null, 40.0, null, 72.0, null, Significant: false) { BaselineCsatN = 400, BaselineNpsN = 120 }, comparison);
    }

    [Fact]
    public void An_empty_baseline_is_a_comparison_without_figures()
    {
        var comparison = SatisfactionSnapshot.From(_current, SatisfactionTotals.Empty).Baseline;

        Assert.Equal(new BaselineComparison(null, null, null, null, null, null, null, Significant: false), comparison);
    }

    [Fact]
    public void No_baseline_means_no_comparison()
    {
        Assert.Null(SatisfactionSnapshot.From(_current, baseline: null).Baseline);
    }
}
