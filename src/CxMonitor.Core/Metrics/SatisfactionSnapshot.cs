namespace CxMonitor.Core.Metrics;

/// <summary>
/// The satisfaction figures of one scope (all, or one dimension value) over one window.
/// </summary>
/// <remarks>
/// <para>Ratings on different scales combine as follows:</para>
/// <list type="bullet">
/// <item>CSAT (and its interval) only from CSAT-like scales: csat5, smiley4, stars5, thumbs2.</item>
/// <item>NPS (and its margin) only from nps11.</item>
/// <item>Mean norm from every rating on every scale, each mapped onto 0–100.</item>
/// <item>CES mean only from ces7, on its raw 1–7 scale.</item>
/// <item>Negatives are dissatisfied ratings on any scale plus negative reviews.</item>
/// </list>
/// <para>
/// Each figure needs at least the minimum number of its own observations (CSAT-like
/// ratings for CSAT, nps11 ratings for NPS, starred reviews for the stars mean, …) and is
/// null below it, so that a handful of answers never shows as a confident number.
/// </para>
/// </remarks>
public sealed record SatisfactionSnapshot
{
    /// <summary>Ratings on any scale: the volume, not the n of any one figure.</summary>
    public long N { get; init; }

    /// <summary>CSAT-like ratings: the n that <see cref="Csat"/> is computed on.</summary>
    public long CsatN { get; init; }

    /// <summary>nps11 ratings: the n that <see cref="Nps"/> is computed on.</summary>
    public long NpsN { get; init; }

    public MetricState State { get; init; }

    /// <summary>Share of satisfied CSAT-like ratings, percent 0–100.</summary>
    public double? Csat { get; init; }

    /// <summary>95 % Wilson interval of <see cref="Csat"/>, percent.</summary>
    public Interval? CsatInterval { get; init; }

    /// <summary>Net Promoter Score, −100 to 100.</summary>
    public double? Nps { get; init; }

    /// <summary>Plain 95 % Wald margin of <see cref="Nps"/>, in NPS points; kept for existing
    /// clients. It collapses to 0 at ±100: show <see cref="NpsInterval"/> instead.</summary>
    public double? NpsMargin { get; init; }

    /// <summary>95 % adjusted-Wald interval of <see cref="Nps"/> (<see cref="Proportions.NpsAdjustedWald"/>).</summary>
    public Interval? NpsInterval { get; init; }

    /// <summary>Mean 0–100 norm over all ratings.</summary>
    public double? MeanNorm { get; init; }

    /// <summary>Mean raw ces7 score, 1–7.</summary>
    public double? CesMean { get; init; }

    /// <summary>Mean stars of starred reviews.</summary>
    public double? StarsMean { get; init; }

    public long Reviews { get; init; }

    /// <summary>Mean computed sentiment of reviews.</summary>
    public double? SentimentMean { get; init; }

    /// <summary>Dissatisfied ratings plus negative reviews.</summary>
    public long Negatives { get; init; }

    /// <summary>The change against the baseline; null when no baseline was given.</summary>
    public BaselineComparison? Baseline { get; init; }

    /// <summary>Computes the figures of <paramref name="current"/> and compares them with <paramref name="baseline"/>.</summary>
    /// <param name="current">Totals of the window.</param>
    /// <param name="baseline">Totals of the baseline ranges added together, or null for no comparison.</param>
    /// <param name="minimumN">Fewest observations a figure is shown for; at least 1.</param>
    /// <param name="minimumBaselineN">Fewest observations of its own a baseline figure needs for a
    /// change to be given at all: a month's CSAT against 227 ratings is no comparison.</param>
    public static SatisfactionSnapshot From(SatisfactionTotals current, SatisfactionTotals? baseline, int minimumN = 10, long minimumBaselineN = 0)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumN, 1);

        var csat = CsatOf(current, minimumN);
        var nps = NpsOf(current, minimumN);
        var meanNorm = Mean(current.NormSum, current.Ratings, minimumN);
        return new SatisfactionSnapshot
        {
            N = current.Ratings,
            CsatN = current.CsatRatings,
            NpsN = current.NpsRatings,
            State = StateOf(current, minimumN),
            Csat = csat,
            CsatInterval = csat is null ? null : Percent(Proportions.Wilson(current.CsatSatisfied, current.CsatRatings)),
            Nps = nps,
            NpsMargin = nps is null ? null : Proportions.NpsMarginOfError(current.Promoters, current.Detractors, current.NpsRatings),
            NpsInterval = nps is null ? null : Proportions.NpsAdjustedWald(current.Promoters, current.Detractors, current.NpsRatings),
            MeanNorm = meanNorm,
            CesMean = Mean(current.CesSum, current.CesRatings, minimumN),
            StarsMean = Mean(current.StarsSum, current.StarredReviews, minimumN),
            Reviews = current.Reviews,
            SentimentMean = Mean(current.SentimentSum, current.SentimentCount, minimumN),
            Negatives = current.Dissatisfied + current.NegativeReviews,
            Baseline = baseline is null ? null : Compare(current, csat, nps, meanNorm, baseline, minimumN, minimumBaselineN),
        };
    }

    private static BaselineComparison Compare(
        SatisfactionTotals current, double? csat, double? nps, double? meanNorm, SatisfactionTotals baseline, int minimumN, long minimumBaselineN)
    {
        var baselineCsat = CsatOf(baseline, minimumN);
        var baselineNps = NpsOf(baseline, minimumN);
        var baselineMeanNorm = Mean(baseline.NormSum, baseline.Ratings, minimumN);
        // Below the minimum baseline n the baseline is shown but nothing is compared with it.
        var csatComparable = csat is not null && baselineCsat is not null && baseline.CsatRatings >= minimumBaselineN;
        var npsComparable = nps is not null && baselineNps is not null && baseline.NpsRatings >= minimumBaselineN;
        double? csatPValue = csatComparable
            ? Proportions.TwoProportionZ(current.CsatSatisfied, current.CsatRatings, baseline.CsatSatisfied, baseline.CsatRatings).PValue
            : null;
        double? npsPValue = npsComparable
            ? Proportions.NpsDifferenceZ(current.Promoters, current.Detractors, current.NpsRatings, baseline.Promoters, baseline.Detractors, baseline.NpsRatings).PValue
            : null;
        return new BaselineComparison(
            baselineCsat,
            csatComparable ? csat - baselineCsat : null,
            csatPValue,
            baselineNps,
            npsComparable ? nps - baselineNps : null,
            baselineMeanNorm,
            baseline.Ratings >= minimumBaselineN ? meanNorm - baselineMeanNorm : null,
            Significant: csatPValue < 0.05)
        {
            BaselineCsatN = baseline.CsatRatings,
            BaselineNpsN = baseline.NpsRatings,
            NpsPValue = npsPValue,
        };
    }

    private static MetricState StateOf(SatisfactionTotals totals, int minimumN) =>
        totals.Ratings == 0 && totals.Reviews == 0 ? MetricState.NoData
        : totals.Ratings >= minimumN || totals.Reviews >= minimumN ? MetricState.Ok
        : MetricState.NotEnoughData;

    private static double? CsatOf(SatisfactionTotals totals, int minimumN) =>
        totals.CsatRatings >= minimumN ? totals.CsatSatisfied * 100.0 / totals.CsatRatings : null;

    private static double? NpsOf(SatisfactionTotals totals, int minimumN) =>
        totals.NpsRatings >= minimumN ? Proportions.NpsScore(totals.Promoters, totals.Detractors, totals.NpsRatings) : null;

    private static double? Mean(double sum, long count, int minimumN) => count >= minimumN ? sum / count : null;

    private static Interval Percent(Interval share) => new(share.Low * 100.0, share.High * 100.0);
}
