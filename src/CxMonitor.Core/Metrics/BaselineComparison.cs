namespace CxMonitor.Core.Metrics;

/// <summary>
/// A snapshot set against its baseline (usually the same hours of the previous four
/// weeks). A figure and its change are null when either side has fewer ratings than the
/// snapshot's minimum.
/// </summary>
/// <param name="BaselineCsat">Baseline CSAT, percent.</param>
/// <param name="CsatChange">Current minus baseline CSAT, in percentage points.</param>
/// <param name="CsatPValue">Two-sided p-value of the pooled two-proportion z-test on CSAT.</param>
/// <param name="BaselineNps">Baseline NPS.</param>
/// <param name="NpsChange">Current minus baseline NPS, in NPS points.</param>
/// <param name="BaselineMeanNorm">Baseline mean norm, 0–100.</param>
/// <param name="MeanNormChange">Current minus baseline mean norm.</param>
/// <param name="Significant">Whether the CSAT change is significant, p &lt; 0.05, before any
/// correction for testing many scopes: stars come from <see cref="ChangeStars"/>.</param>
public sealed record BaselineComparison(
    double? BaselineCsat,
    double? CsatChange,
    double? CsatPValue,
    double? BaselineNps,
    double? NpsChange,
    double? BaselineMeanNorm,
    double? MeanNormChange,
    bool Significant)
{
    /// <summary>CSAT-like ratings in the baseline: the n that <see cref="BaselineCsat"/> stands on.</summary>
    public long BaselineCsatN { get; init; }

    /// <summary>nps11 ratings in the baseline.</summary>
    public long BaselineNpsN { get; init; }

    /// <summary>Two-sided p-value of the NPS change (<see cref="Proportions.NpsDifferenceZ"/>).</summary>
    public double? NpsPValue { get; init; }
}
