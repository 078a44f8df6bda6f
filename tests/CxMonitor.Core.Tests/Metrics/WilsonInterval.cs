using CxMonitor.Core.Metrics;

namespace CxMonitor.Core.Tests.Metrics;

// Wilson bounds: (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n), z = 1.959963984540054.
// 8/10 by hand: z² = 3.841459, 1 + z²/n = 1.384146, centre = (0.8 + 0.192073) / 1.384146
// = 0.716739, half = 1.959964 / 1.384146 · sqrt(0.016 + 0.009604) = 0.226577,
// so (0.490162, 0.943318). Other rows were computed the same way in Python.
public class WilsonInterval
{
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData(8, 10, 0.4901624715, 0.9433178485)]
    [InlineData(0, 10, 0.0, 0.2775327999)]
    [InlineData(10, 10, 0.7224672001, 1.0)]
    [InlineData(50, 100, 0.4038315304, 0.5961684696)]
    [InlineData(1, 3, 0.0614919447, 0.7923403992)]
    [InlineData(95, 100, 0.8882495308, 0.9784563208)]
    [InlineData(0, 1, 0.0, 0.7934506856)]
    [InlineData(1, 1, 0.2065493144, 1.0)]
    [InlineData(1, 2, 0.0945312057, 0.9054687943)]
    [InlineData(80, 100, 0.7111708344, 0.8666330667)]
    [InlineData(600, 1000, 0.5693094295, 0.6299252188)]
    [InlineData(7, 50, 0.0695083343, 0.2618619371)]
    public void Wilson_95_interval_matches_hand_computed_bounds(long successes, long n, double low, double high)
    {
        var interval = Proportions.Wilson(successes, n);

        Assert.Equal(low, interval.Low, Tolerance);
        Assert.Equal(high, interval.High, Tolerance);
    }

    [Theory]
    [InlineData(1.96, 0.4901568467, 0.9433190520)]
    [InlineData(2.5758293035489, 0.4008186965, 0.9598688475)]
    public void A_wider_z_gives_a_wider_interval(double z, double low, double high)
    {
        var interval = Proportions.Wilson(8, 10, z);

        Assert.Equal(low, interval.Low, Tolerance);
        Assert.Equal(high, interval.High, Tolerance);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 10)]
    [InlineData(0, 1_000_000)]
    public void No_successes_pin_the_low_bound_at_exactly_zero(long successes, long n)
    {
        Assert.Equal(0.0, Proportions.Wilson(successes, n).Low);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 10)]
    [InlineData(1_000_000, 1_000_000)]
    public void All_successes_pin_the_high_bound_at_exactly_one(long successes, long n)
    {
        Assert.Equal(1.0, Proportions.Wilson(successes, n).High);
    }

    [Fact]
    public void No_observations_give_the_whole_unit_interval()
    {
        Assert.Equal(new Interval(0, 1), Proportions.Wilson(0, 0));
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(11, 10)]
    [InlineData(0, -1)]
    [InlineData(1, 0)]
    public void Impossible_counts_are_rejected(long successes, long n)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Wilson(successes, n));
        Assert.Equal("successes", ex.ParamName);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_negative_or_non_finite_z_is_rejected(double z)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.Wilson(5, 10, z));
        Assert.Equal("z", ex.ParamName);
    }
}
