using System.Globalization;
using CxMonitor.Core.Metrics;

namespace CxMonitor.Core.Alerts;

/// <summary>How each kind of condition stands, from plain data.</summary>
public static class RuleConditions
{
    public static readonly string[] Metrics = ["csat", "nps", "norm", "ces", "stars", "sentiment", "negatives", "volume"];

    public static double? Metric(string metric, SatisfactionSnapshot s) => metric switch
    {
        "csat" => s.Csat,
        "nps" => s.Nps,
        "norm" => s.MeanNorm,
        "ces" => s.CesMean,
        "stars" => s.StarsMean,
        "sentiment" => s.SentimentMean,
        "negatives" => s.Negatives,
        "volume" => s.N,
        _ => null,
    };

    /// <summary>Threshold: active past the bound with enough samples, clear past the resolve
    /// bound, holding in between or when there is too little data to tell.</summary>
    public static (ConditionStatus Status, Dictionary<string, string> Values) Threshold(ThresholdCondition c, SatisfactionSnapshot s) =>
        (ThresholdStatus(c, s), Values(("value", Metric(c.Metric, s)), ("n", s.N), ("bound", c.Below ?? c.Above), ("resolve_bound", c.ResolveBound), ("metric", c.Metric), ("window", c.Window)));

    public static ConditionStatus ThresholdStatus(ThresholdCondition c, SatisfactionSnapshot s)
    {
        if (Metric(c.Metric, s) is not { } v || s.N < c.MinSamples)
            return ConditionStatus.Holding;
        if (c.Below is { } below)
            return v < below ? ConditionStatus.Active : v >= c.ResolveBound ? ConditionStatus.Clear : ConditionStatus.Holding;
        return v > c.Above!.Value ? ConditionStatus.Active : v <= c.ResolveBound ? ConditionStatus.Clear : ConditionStatus.Holding;
    }

    /// <summary>Drop: CSAT at least <c>MinChange</c> points below baseline and significant; clear
    /// once less than half that below or no longer significant.</summary>
    public static (ConditionStatus Status, Dictionary<string, string> Values) Drop(DropCondition c, SatisfactionSnapshot s) =>
        (DropStatus(c, s), Values(("value", s.Csat), ("baseline", s.Baseline?.BaselineCsat), ("change", s.Baseline?.CsatChange), ("p", s.Baseline?.CsatPValue),
            ("n", s.N), ("window", c.Window), ("metric", "csat")));

    public static ConditionStatus DropStatus(DropCondition c, SatisfactionSnapshot s)
    {
        if (s.Baseline?.CsatChange is not { } change || s.Baseline.CsatPValue is not { } p || s.N < c.MinSamples)
            return ConditionStatus.Holding;
        if (change <= -c.MinChange && p <= c.MaxPValue)
            return ConditionStatus.Active;
        return change > -c.MinChange / 2 || p > c.MaxPValue ? ConditionStatus.Clear : ConditionStatus.Holding;
    }

    public static (ConditionStatus Status, Dictionary<string, string> Values) Count(CountCondition c, int count) =>
        (CountStatus(c, count), Values(("value", count), ("bound", c.AtLeast), ("within", Minutes(c.Within))));

    /// <summary>The status of <see cref="Count"/> alone: burst rules ask it for every accepted item
    /// and need the values only when an alert changes.</summary>
    public static ConditionStatus CountStatus(CountCondition c, int count) =>
        count >= c.AtLeast ? ConditionStatus.Active : count < c.ResolveBelow ? ConditionStatus.Clear : ConditionStatus.Holding;

    /// <summary>Burst against the usual level: active at k or more unhappy when their share is at
    /// least <paramref name="ratio"/> times the usual share and significantly above it; clear below
    /// the resolve count or once the share is back under halfway between usual and the bound;
    /// holding while the usual share is not yet known.</summary>
    public static (ConditionStatus Status, Dictionary<string, string> Values) CountAboveUsual(CountCondition c, double ratio, int negatives, int n, double? usualShare)
    {
        var share = n == 0 ? 0 : (double)negatives / n;
        var values = Values(("value", negatives), ("n", n), ("share", share * 100), ("usual", usualShare * 100), ("bound", c.AtLeast), ("within", Minutes(c.Within)));
        if (negatives >= c.ResolveBelow && usualShare is { } usual)
            values["p"] = Values(("p", UpperTailPValue(negatives, n, usual)))["p"];
        return (CountAboveUsualStatus(c, ratio, negatives, n, usualShare), values);
    }

    /// <summary>The status of <see cref="CountAboveUsual"/> alone (see <see cref="CountStatus"/>).</summary>
    public static ConditionStatus CountAboveUsualStatus(CountCondition c, double ratio, int negatives, int n, double? usualShare)
    {
        if (negatives < c.ResolveBelow)
            return ConditionStatus.Clear;
        if (usualShare is not { } usual)
            return ConditionStatus.Holding;
        var share = n == 0 ? 0 : (double)negatives / n;
        // p last: it is the dear part, and most windows fail the cheaper tests.
        if (negatives >= c.AtLeast && share >= usual * ratio && UpperTailPValue(negatives, n, usual) <= c.MaxPValue)
            return ConditionStatus.Active;
        return share < usual * (1 + ratio) / 2 ? ConditionStatus.Clear : ConditionStatus.Holding;
    }

    /// <summary>One-sided p of at least <paramref name="x"/> unhappy of <paramref name="n"/> when the
    /// usual share is <paramref name="p0"/>: the normal approximation with continuity correction.</summary>
    public static double UpperTailPValue(long x, long n, double p0)
    {
        if (n == 0 || x == 0)
            return 1;
        if (p0 <= 0)
            return 0;
        if (p0 >= 1)
            return 1;
        var z = (x - 0.5 - n * p0) / Math.Sqrt(n * p0 * (1 - p0));
        return 1 - NormalDistribution.Cdf(z);
    }

    /// <summary>Silence: the site was open for the whole of the last <paramref name="silentFor"/>
    /// and sent nothing in it. Outside opening hours a site is never silent.</summary>
    public static ConditionStatus Silence(TimeSpan silentFor, DateTimeOffset? lastRating, DateTimeOffset now, Func<DateTimeOffset, bool> isOpen)
    {
        if (!isOpen(now))
            return ConditionStatus.Clear;
        if (lastRating is { } last && now - last < silentFor)
            return ConditionStatus.Clear;
        // Open throughout: checked every five minutes back to the start of the silence.
        for (var t = now - silentFor; t < now; t += TimeSpan.FromMinutes(5))
        {
            if (!isOpen(t))
                return ConditionStatus.Holding;
        }
        return ConditionStatus.Active;
    }

    public static Dictionary<string, string> Values(params (string Key, object? Value)[] pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            values[key] = value switch
            {
                null => "n/a",
                double d => Math.Round(d, 1).ToString("0.#", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
        }
        return values;
    }

    public static string Minutes(TimeSpan t) => t.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min";
}
