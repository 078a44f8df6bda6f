using CxMonitor.Core.Metrics;

namespace CxMonitor.Web.Metrics.Recent;

/// <summary>Totals added to in place: memory's buckets take one per accepted item, and a new
/// <see cref="SatisfactionTotals"/> record for each (what <c>+</c> gives) was most of their cost
/// (issue 19). Sums are taken in the same order as <c>+</c> would, starting from the first totals
/// as they are, so the figures are the same to the last bit.</summary>
internal sealed class RunningTotals(SatisfactionTotals first)
{
    private long _ratings = first.Ratings;
    private long _csatRatings = first.CsatRatings;
    private long _csatSatisfied = first.CsatSatisfied;
    private long _npsRatings = first.NpsRatings;
    private long _promoters = first.Promoters;
    private long _detractors = first.Detractors;
    private double _normSum = first.NormSum;
    private long _cesRatings = first.CesRatings;
    private double _cesSum = first.CesSum;
    private long _dissatisfied = first.Dissatisfied;
    private long _reviews = first.Reviews;
    private long _starredReviews = first.StarredReviews;
    private double _starsSum = first.StarsSum;
    private long _negativeReviews = first.NegativeReviews;
    private double _sentimentSum = first.SentimentSum;
    private long _sentimentCount = first.SentimentCount;

    public void Add(SatisfactionTotals t)
    {
        _ratings += t.Ratings;
        _csatRatings += t.CsatRatings;
        _csatSatisfied += t.CsatSatisfied;
        _npsRatings += t.NpsRatings;
        _promoters += t.Promoters;
        _detractors += t.Detractors;
        _normSum += t.NormSum;
        _cesRatings += t.CesRatings;
        _cesSum += t.CesSum;
        _dissatisfied += t.Dissatisfied;
        _reviews += t.Reviews;
        _starredReviews += t.StarredReviews;
        _starsSum += t.StarsSum;
        _negativeReviews += t.NegativeReviews;
        _sentimentSum += t.SentimentSum;
        _sentimentCount += t.SentimentCount;
    }

    /// <summary>Off the per-item path (reads and replaced ranges): through the record, so the
    /// list of fields is written out only here and in <see cref="ToTotals"/>.</summary>
    public void Add(RunningTotals t) => Add(t.ToTotals());

    public RunningTotals Copy() => new(ToTotals());

    public SatisfactionTotals ToTotals() => new()
    {
        Ratings = _ratings,
        CsatRatings = _csatRatings,
        CsatSatisfied = _csatSatisfied,
        NpsRatings = _npsRatings,
        Promoters = _promoters,
        Detractors = _detractors,
        NormSum = _normSum,
        CesRatings = _cesRatings,
        CesSum = _cesSum,
        Dissatisfied = _dissatisfied,
        Reviews = _reviews,
        StarredReviews = _starredReviews,
        StarsSum = _starsSum,
        NegativeReviews = _negativeReviews,
        SentimentSum = _sentimentSum,
        SentimentCount = _sentimentCount,
    };
}
