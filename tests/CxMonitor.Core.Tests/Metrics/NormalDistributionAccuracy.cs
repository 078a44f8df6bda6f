using CxMonitor.Core.Metrics;

namespace CxMonitor.Core.Tests.Metrics;

// Expected values are Python's math.erfc (C library, correctly rounded to within an ulp
// or two) and 0.5 * erfc(-x / sqrt 2) for the CDF. Compared relatively so that the far
// tails, where p-values live, count as much as the middle.
public class NormalDistributionAccuracy
{
    private const double RelativeTolerance = 1e-12;

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(0.1, 0.8875370839817152)]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1, 0.15729920705028513)]
    [InlineData(1.5, 0.033894853524689274)]
    [InlineData(1.9999, 0.004679802092970608)]
    [InlineData(2, 0.004677734981047265)]
    [InlineData(2.0001, 0.0046756686958033394)]
    [InlineData(2.5, 0.0004069520174449589)]
    [InlineData(3, 2.2090496998585438e-05)]
    [InlineData(4, 1.541725790028002e-08)]
    [InlineData(5, 1.5374597944280351e-12)]
    [InlineData(6, 2.1519736712498916e-17)]
    [InlineData(8, 1.1224297172982928e-29)]
    [InlineData(10, 2.088487583762545e-45)]
    [InlineData(15, 7.212994172451206e-100)]
    [InlineData(20, 5.3958656116079005e-176)]
    [InlineData(-0.5, 1.5204998778130465)]
    [InlineData(-1, 1.842700792949715)]
    [InlineData(-2.5, 1.999593047982555)]
    [InlineData(-3, 1.9999779095030015)]
    [InlineData(-10, 2.0)]
    public void Erfc_matches_reference_values_to_twelve_significant_digits(double x, double expected)
    {
        AssertRelativelyClose(expected, NormalDistribution.Erfc(x));
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 0.8413447460685429)]
    [InlineData(-1, 0.15865525393145707)]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(-1.959963984540054, 0.02500000000000002)]
    [InlineData(1.6448536269514722, 0.95)]
    [InlineData(2.3263478740408408, 0.99)]
    [InlineData(3, 0.9986501019683699)]
    [InlineData(-3, 0.0013498980316300957)]
    [InlineData(5, 0.9999997133484281)]
    [InlineData(-5, 2.866515718791946e-07)]
    [InlineData(-8, 6.220960574271819e-16)]
    public void Cdf_matches_reference_values_including_the_far_lower_tail(double x, double expected)
    {
        AssertRelativelyClose(expected, NormalDistribution.Cdf(x));
    }

    [Theory]
    [InlineData(1.96, 0.04999579029644087)]
    [InlineData(-1.96, 0.04999579029644087)]
    [InlineData(1.959963984540054, 0.05)]
    [InlineData(2.5758293035489004, 0.01)]
    [InlineData(0, 1.0)]
    public void Two_sided_p_value_of_196_is_about_five_percent(double z, double expected)
    {
        AssertRelativelyClose(expected, NormalDistribution.TwoSidedPValue(z));
    }

    [Fact]
    public void Erfc_of_infinities_and_nan_is_the_limit_or_nan()
    {
        Assert.Equal(0.0, NormalDistribution.Erfc(double.PositiveInfinity));
        Assert.Equal(2.0, NormalDistribution.Erfc(double.NegativeInfinity));
        Assert.True(double.IsNaN(NormalDistribution.Erfc(double.NaN)));
    }

    private static void AssertRelativelyClose(double expected, double actual)
    {
        var error = expected == 0 ? Math.Abs(actual) : Math.Abs(actual - expected) / Math.Abs(expected);
        Assert.True(error < RelativeTolerance, $"expected {expected:R}, got {actual:R} (relative error {error:E2})");
    }
}
