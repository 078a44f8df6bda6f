namespace CxMonitor.Core.Metrics;

/// <summary>
/// Counts and sums of one scope over one time range, as InfluxDB aggregations return
/// them. Every figure of a <see cref="SatisfactionSnapshot"/> is computed from these, so
/// totals of adjacent ranges or of several scopes can simply be added.
/// </summary>
public sealed record SatisfactionTotals
{
    /// <summary>No ratings and no reviews.</summary>
    public static SatisfactionTotals Empty { get; } = new();

    /// <summary>Ratings on any scale.</summary>
    public long Ratings { get; init; }

    /// <summary>Ratings on CSAT-like scales (csat5, smiley4, stars5, thumbs2).</summary>
    public long CsatRatings { get; init; }

    /// <summary>Satisfied (top-two-box) ratings among <see cref="CsatRatings"/>.</summary>
    public long CsatSatisfied { get; init; }

    /// <summary>Ratings on nps11.</summary>
    public long NpsRatings { get; init; }

    /// <summary>nps11 ratings of 9–10.</summary>
    public long Promoters { get; init; }

    /// <summary>nps11 ratings of 0–6.</summary>
    public long Detractors { get; init; }

    /// <summary>Sum of the 0–100 norm of all <see cref="Ratings"/>.</summary>
    public double NormSum { get; init; }

    /// <summary>Ratings on ces7.</summary>
    public long CesRatings { get; init; }

    /// <summary>Sum of the raw 1–7 ces7 scores.</summary>
    public double CesSum { get; init; }

    /// <summary>Ratings on any scale classified dissatisfied.</summary>
    public long Dissatisfied { get; init; }

    /// <summary>Public reviews from feeds.</summary>
    public long Reviews { get; init; }

    /// <summary>Reviews that carry a star rating.</summary>
    public long StarredReviews { get; init; }

    /// <summary>Sum of the stars of <see cref="StarredReviews"/>.</summary>
    public double StarsSum { get; init; }

    /// <summary>Reviews judged negative.</summary>
    public long NegativeReviews { get; init; }

    /// <summary>Sum of the computed sentiment of <see cref="SentimentCount"/> reviews.</summary>
    public double SentimentSum { get; init; }

    /// <summary>Reviews with a computed sentiment.</summary>
    public long SentimentCount { get; init; }

    /// <summary>The totals of both ranges or scopes together.</summary>
    public static SatisfactionTotals operator +(SatisfactionTotals a, SatisfactionTotals b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new SatisfactionTotals
        {
            Ratings = a.Ratings + b.Ratings,
            CsatRatings = a.CsatRatings + b.CsatRatings,
            CsatSatisfied = a.CsatSatisfied + b.CsatSatisfied,
            NpsRatings = a.NpsRatings + b.NpsRatings,
            Promoters = a.Promoters + b.Promoters,
            Detractors = a.Detractors + b.Detractors,
            NormSum = a.NormSum + b.NormSum,
            CesRatings = a.CesRatings + b.CesRatings,
            CesSum = a.CesSum + b.CesSum,
            Dissatisfied = a.Dissatisfied + b.Dissatisfied,
            Reviews = a.Reviews + b.Reviews,
            StarredReviews = a.StarredReviews + b.StarredReviews,
            StarsSum = a.StarsSum + b.StarsSum,
            NegativeReviews = a.NegativeReviews + b.NegativeReviews,
            SentimentSum = a.SentimentSum + b.SentimentSum,
            SentimentCount = a.SentimentCount + b.SentimentCount,
        };
    }

    /// <summary>Named alternative to <c>+</c> for languages without operator overloading.</summary>
    public static SatisfactionTotals Add(SatisfactionTotals a, SatisfactionTotals b) => a + b;
}
