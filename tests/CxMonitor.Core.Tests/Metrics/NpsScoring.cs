using CxMonitor.Core.Metrics;

namespace CxMonitor.Core.Tests.Metrics;

// Margin = z · sqrt(((p + d) − (p − d)²) / n) · 100 with p, d the promoter and detractor shares.
// 50 promoters, 20 detractors of 100: p + d = 0.70, (p − d)² = 0.09, variance 0.61,
// 0.61 / 100 = 0.0061, sqrt = 0.0781025, × 1.96 = 0.1530809, so ±15.308 points.
public class NpsScoring
{
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData(50, 20, 100, 30.0)]
    [InlineData(10, 0, 10, 100.0)]
    [InlineData(0, 10, 10, -100.0)]
    [InlineData(5, 5, 10, 0.0)]
    [InlineData(0, 0, 10, 0.0)]
    [InlineData(45, 10, 60, 58.3333333333)]
    [InlineData(120, 45, 300, 25.0)]
    [InlineData(1, 0, 1, 100.0)]
    public void Nps_is_percent_promoters_minus_percent_detractors(long promoters, long detractors, long n, double expected)
    {
        Assert.Equal(expected, Proportions.NpsScore(promoters, detractors, n), Tolerance);
    }

    [Theory]
    [InlineData(50, 20, 100, 15.3080893648)]
    [InlineData(5, 5, 10, 61.9806421393)]
    [InlineData(30, 30, 100, 15.1820947171)]
    [InlineData(45, 10, 60, 19.2104813212)]
    [InlineData(120, 45, 300, 7.9010125933)]
    [InlineData(10, 0, 10, 0.0)]
    [InlineData(0, 10, 10, 0.0)]
    [InlineData(0, 0, 10, 0.0)]
    public void Nps_margin_of_error_is_in_nps_points(long promoters, long detractors, long n, double expected)
    {
        Assert.Equal(expected, Proportions.NpsMarginOfError(promoters, detractors, n), Tolerance);
    }

    [Fact]
    public void Nps_margin_takes_another_z()
    {
        // 1.959963984540054 · 0.0781025 · 100 = 15.30781.
        Assert.Equal(15.3078080750, Proportions.NpsMarginOfError(50, 20, 100, Proportions.Z95), Tolerance);
    }

    [Fact]
    public void Nps_of_no_ratings_is_undefined_and_rejected()
    {
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.NpsScore(0, 0, 0)).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.NpsMarginOfError(0, 0, 0)).ParamName);
    }

    [Theory]
    [InlineData(6, 5, 10)]
    [InlineData(11, 0, 10)]
    [InlineData(-1, 0, 10)]
    [InlineData(0, -1, 10)]
    public void Promoters_and_detractors_that_do_not_fit_in_n_are_rejected(long promoters, long detractors, long n)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.NpsScore(promoters, detractors, n));
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.NpsMarginOfError(promoters, detractors, n));
    }
}
