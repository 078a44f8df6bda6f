using CxMonitor.Core.Metrics;

namespace CxMonitor.Core.Tests.Metrics;

// Pooled test: p = (x1 + x2) / (n1 + n2), se = sqrt(p(1 − p)(1/n1 + 1/n2)),
// z = (x1/n1 − x2/n2) / se, two-sided p-value = erfc(|z| / sqrt 2).
// 80/100 against 60/100 by hand: p = 0.7, se = sqrt(0.21 · 0.02) = sqrt(0.0042) = 0.0648074,
// z = 0.2 / 0.0648074 = 3.08607, p-value = 0.0020282.
public class TwoProportionTesting
{
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData(80, 100, 60, 100, 3.0860669992, 0.002028231148)]
    [InlineData(60, 100, 80, 100, -3.0860669992, 0.002028231148)]
    [InlineData(45, 50, 40, 50, 1.4002800840, 0.1614294624)]
    [InlineData(9, 10, 5, 10, 1.9518001459, 0.05096193697)]
    [InlineData(300, 400, 700, 1000, 1.8708286934, 0.06136882914)]
    [InlineData(1, 10, 0, 10, 1.0259783521, 0.3049017882)]
    [InlineData(870, 1000, 900, 1000, -2.1027406056, 0.03548845047)]
    [InlineData(50, 100, 50, 100, 0.0, 1.0)]
    public void Pooled_z_test_matches_hand_computed_z_and_p(
        long x1, long n1, long x2, long n2, double z, double pValue)
    {
        var test = Proportions.TwoProportionZ(x1, n1, x2, n2);

        Assert.Equal(z, test.Z, Tolerance);
        Assert.Equal(pValue, test.PValue, Tolerance);
    }

    [Theory]
    [InlineData(0, 0, 5, 10)]
    [InlineData(5, 10, 0, 0)]
    [InlineData(0, 0, 0, 0)]
    public void An_empty_sample_proves_nothing(long x1, long n1, long x2, long n2)
    {
        Assert.Equal(new TwoProportionTest(0, 1), Proportions.TwoProportionZ(x1, n1, x2, n2));
    }

    [Theory]
    [InlineData(0, 10, 0, 20)]
    [InlineData(10, 10, 20, 20)]
    public void Samples_that_are_all_failures_or_all_successes_do_not_differ(long x1, long n1, long x2, long n2)
    {
        Assert.Equal(new TwoProportionTest(0, 1), Proportions.TwoProportionZ(x1, n1, x2, n2));
    }

    [Theory]
    [InlineData(11, 10, 5, 10, "x1")]
    [InlineData(-1, 10, 5, 10, "x1")]
    [InlineData(5, 10, 11, 10, "x2")]
    [InlineData(5, 10, 0, -1, "x2")]
    public void Impossible_counts_are_rejected_naming_the_sample(long x1, long n1, long x2, long n2, string paramName)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.TwoProportionZ(x1, n1, x2, n2));
        Assert.Equal(paramName, ex.ParamName);
    }
}
