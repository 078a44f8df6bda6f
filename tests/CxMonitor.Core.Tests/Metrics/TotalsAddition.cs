using CxMonitor.Core.Metrics;

namespace CxMonitor.Core.Tests.Metrics;

public class TotalsAddition
{
    private static readonly SatisfactionTotals _monday = new()
    {
        Ratings = 1, CsatRatings = 2, CsatSatisfied = 3, NpsRatings = 4, Promoters = 5, Detractors = 6,
        NormSum = 7.5, CesRatings = 8, CesSum = 9.5, Dissatisfied = 10, Reviews = 11, StarredReviews = 12,
        StarsSum = 13.5, NegativeReviews = 14, SentimentSum = -15.5, SentimentCount = 16,
    };

    private static readonly SatisfactionTotals _tuesday = new()
    {
        Ratings = 100, CsatRatings = 200, CsatSatisfied = 300, NpsRatings = 400, Promoters = 500, Detractors = 600,
        NormSum = 700.25, CesRatings = 800, CesSum = 900.25, Dissatisfied = 1000, Reviews = 1100, StarredReviews = 1200,
        StarsSum = 1300.25, NegativeReviews = 1400, SentimentSum = 1500.25, SentimentCount = 1600,
    };

    [Fact]
    public void Adding_totals_adds_every_count_and_sum()
    {
        var expected = new SatisfactionTotals
        {
            Ratings = 101, CsatRatings = 202, CsatSatisfied = 303, NpsRatings = 404, Promoters = 505, Detractors = 606,
            NormSum = 707.75, CesRatings = 808, CesSum = 909.75, Dissatisfied = 1010, Reviews = 1111, StarredReviews = 1212,
            StarsSum = 1313.75, NegativeReviews = 1414, SentimentSum = 1484.75, SentimentCount = 1616,
        };

        Assert.Equal(expected, _monday + _tuesday);
        Assert.Equal(expected, SatisfactionTotals.Add(_tuesday, _monday));
    }

    [Fact]
    public void Empty_is_all_zeros_and_adds_nothing()
    {
        Assert.Equal(new SatisfactionTotals(), SatisfactionTotals.Empty);
        Assert.Equal(_monday, _monday + SatisfactionTotals.Empty);
        Assert.Equal(_monday, SatisfactionTotals.Empty + _monday);
    }
}
