namespace CxMonitor.Core.Metrics;

/// <summary>
/// The standard normal distribution, which the BCL lacks. Accurate to about 1e-13
/// relative over the whole double range, far beyond what p-values need.
/// </summary>
internal static class NormalDistribution
{
    // Below this the series for erf converges fast and 1 - erf keeps enough digits;
    // above it the continued fraction for erfc converges within a few dozen terms.
    private const double SeriesLimit = 2.0;
    private const double Tolerance = 1e-16;
    private const int MaxTerms = 500;

    /// <summary>P(Z &lt;= x).</summary>
    public static double Cdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2.0));

    /// <summary>P(|Z| &gt;= |z|).</summary>
    public static double TwoSidedPValue(double z) => Erfc(Math.Abs(z) / Math.Sqrt(2.0));

    /// <summary>The complementary error function, 1 - erf(x).</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 0.0;
        }

        if (x < 0)
        {
            return 2.0 - Erfc(-x);
        }

        return x < SeriesLimit ? 1.0 - ErfBySeries(x) : ErfcByContinuedFraction(x);
    }

    // erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)):
    // every term is positive, so unlike the Taylor series nothing cancels.
    private static double ErfBySeries(double x)
    {
        var term = x;
        var sum = x;
        for (var n = 1; n < MaxTerms && term > sum * Tolerance; n++)
        {
            term *= 2.0 * x * x / (2 * n + 1);
            sum += term;
        }

        return 2.0 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) * sum;
    }

    // erfc(x) = exp(-x^2)/sqrt(pi) / (x + (1/2)/(x + (2/2)/(x + (3/2)/(x + ...)))),
    // evaluated with the modified Lentz method.
    private static double ErfcByContinuedFraction(double x)
    {
        var f = x;
        var c = x;
        var d = 0.0;
        for (var n = 1; n < MaxTerms; n++)
        {
            var a = n / 2.0;
            d = 1.0 / (x + a * d);
            c = x + a / c;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1.0) < Tolerance)
            {
                break;
            }
        }

        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }
}
