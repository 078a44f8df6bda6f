using System.Globalization;

namespace CxMonitor.Core.Metrics;

/// <summary>
/// Statistics over counts: the Wilson interval for a share (CSAT), NPS with its margin of
/// error, and the pooled two-proportion z-test used to compare a window with its baseline.
/// </summary>
public static class Proportions
{
    /// <summary>The z of a two-sided 95 % interval, Φ⁻¹(0.975).</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// The Wilson score interval of successes / n, within [0, 1]. Unlike the normal
    /// approximation it stays meaningful for small n and for shares near 0 or 1.
    /// With n = 0 nothing is known and the interval is (0, 1).
    /// </summary>
    public static Interval Wilson(long successes, long n, double z = Z95)
    {
        EnsureCount(successes, n, nameof(successes));
        EnsureZ(z);
        if (n == 0)
        {
            return new Interval(0, 1);
        }

        var p = (double)successes / n;
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2.0 * n)) / denominator;
        var halfWidth = z / denominator * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));

        // At p = 0 or 1 the bound is exactly 0 or 1; rounding must not leave it a hair off.
        var low = successes == 0 ? 0.0 : Math.Max(0.0, centre - halfWidth);
        var high = successes == n ? 1.0 : Math.Min(1.0, centre + halfWidth);
        return new Interval(low, high);
    }

    /// <summary>Net Promoter Score, %promoters − %detractors, from −100 to 100.</summary>
    /// <exception cref="ArgumentOutOfRangeException">n is 0, or the counts do not fit in n.</exception>
    public static double NpsScore(long promoters, long detractors, long n)
    {
        EnsureNps(promoters, detractors, n);
        return (promoters - detractors) * 100.0 / n;
    }

    /// <summary>
    /// Half-width of the NPS confidence interval, in NPS points. Each answer scores +1, 0
    /// or −1, whose variance is (p + d) − (p − d)² with p and d the promoter and detractor
    /// shares; the margin is z · sqrt(variance / n) · 100.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">n is 0, or the counts do not fit in n.</exception>
    public static double NpsMarginOfError(long promoters, long detractors, long n, double z = 1.96)
    {
        EnsureNps(promoters, detractors, n);
        EnsureZ(z);
        var p = (double)promoters / n;
        var d = (double)detractors / n;
        var variance = Math.Max(0.0, p + d - (p - d) * (p - d));
        return z * Math.Sqrt(variance / n) * 100.0;
    }

    /// <summary>
    /// The adjusted-Wald interval of NPS (Rocks 2016, The American Statistician 70:365): add ¾
    /// to promoters and to detractors and 3 to n, then take the Wald interval around the adjusted
    /// score, clamped to −100…100. Unlike the plain margin it does not collapse to ±0 when every
    /// answer is a promoter (ten promoters: 47.5 to 100, not "100 ± 0").
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">n is 0, or the counts do not fit in n.</exception>
    public static Interval NpsAdjustedWald(long promoters, long detractors, long n, double z = 1.96)
    {
        EnsureNps(promoters, detractors, n);
        EnsureZ(z);
        var adjustedN = n + 3.0;
        var p = (promoters + 0.75) / adjustedN;
        var d = (detractors + 0.75) / adjustedN;
        var centre = p - d;
        var halfWidth = z * Math.Sqrt(Math.Max(0.0, p + d - centre * centre) / adjustedN);
        return new Interval(Math.Max(-1.0, centre - halfWidth) * 100.0, Math.Min(1.0, centre + halfWidth) * 100.0);
    }

    /// <summary>
    /// Two-sided z-test of the difference between two NPS values, each answer scoring +1, 0 or
    /// −1 with variance (p + d) − (p − d)² per sample (unpooled). A sample without answers, or two
    /// without any spread, gives Z 0 and p 1.
    /// </summary>
    public static TwoProportionTest NpsDifferenceZ(long promoters1, long detractors1, long n1, long promoters2, long detractors2, long n2)
    {
        if (n1 <= 0 || n2 <= 0)
            return new TwoProportionTest(0, 1);
        EnsureNps(promoters1, detractors1, n1);
        EnsureNps(promoters2, detractors2, n2);
        static (double Score, double Variance) Of(long p, long d, long n)
        {
            var ps = (double)p / n;
            var ds = (double)d / n;
            return (ps - ds, Math.Max(0.0, ps + ds - (ps - ds) * (ps - ds)));
        }
        var (s1, v1) = Of(promoters1, detractors1, n1);
        var (s2, v2) = Of(promoters2, detractors2, n2);
        var standardError = Math.Sqrt(v1 / n1 + v2 / n2);
        if (standardError == 0)
            return new TwoProportionTest(0, 1);
        var zScore = (s1 - s2) / standardError;
        return new TwoProportionTest(zScore, NormalDistribution.TwoSidedPValue(zScore));
    }

    /// <summary>
    /// Pooled two-proportion z-test of x1/n1 against x2/n2, two-sided. When either sample
    /// is empty, or the pooled share is 0 or 1 so that the samples cannot differ, Z is 0
    /// and the p-value 1.
    /// </summary>
    public static TwoProportionTest TwoProportionZ(long x1, long n1, long x2, long n2)
    {
        EnsureCount(x1, n1, nameof(x1));
        EnsureCount(x2, n2, nameof(x2));
        if (n1 == 0 || n2 == 0)
        {
            return new TwoProportionTest(0, 1);
        }

        var pooled = (double)(x1 + x2) / (n1 + n2);
        var standardError = Math.Sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (standardError == 0)
        {
            return new TwoProportionTest(0, 1);
        }

        var z = ((double)x1 / n1 - (double)x2 / n2) / standardError;
        return new TwoProportionTest(z, NormalDistribution.TwoSidedPValue(z));
    }

    private static void EnsureCount(long successes, long n, string paramName)
    {
        if (n < 0 || successes < 0 || successes > n)
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                successes,
                Invariant($"A count of {successes} out of {n} is impossible; need 0 <= count <= n."));
        }
    }

    private static void EnsureNps(long promoters, long detractors, long n)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "NPS needs at least one nps11 rating.");
        }

        if (promoters < 0 || detractors < 0 || promoters + detractors > n)
        {
            throw new ArgumentOutOfRangeException(
                nameof(promoters),
                promoters,
                Invariant($"{promoters} promoters and {detractors} detractors do not fit in {n} ratings."));
        }
    }

    private static void EnsureZ(double z)
    {
        if (!double.IsFinite(z) || z < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "z must be a finite number >= 0.");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
