using CxMonitor.Core.Metrics;

namespace CxMonitor.Core.Tests.Metrics;

public class SnapshotFigures
{
    private const double Tolerance = 1e-9;

    // 120 ratings: 80 on CSAT-like scales (60 satisfied), 30 on nps11 (15 promoters,
    // 6 detractors), 10 on ces7 (scores summing to 52); 20 of all 120 dissatisfied.
    // 12 reviews: 11 starred (44 stars), 3 negative, sentiment summing to 3.6.
    private static readonly SatisfactionTotals _mixed = new()
    {
        Ratings = 120, CsatRatings = 80, CsatSatisfied = 60, NpsRatings = 30, Promoters = 15, Detractors = 6,
        NormSum = 8100, CesRatings = 10, CesSum = 52, Dissatisfied = 20,
        Reviews = 12, StarredReviews = 11, StarsSum = 44, NegativeReviews = 3, SentimentSum = 3.6, SentimentCount = 12,
    };

    [Fact]
    public void Mixed_scales_each_feed_only_their_own_figures()
    {
        var snapshot = SatisfactionSnapshot.From(_mixed, baseline: null);

        Assert.Equal(120, snapshot.N);
        Assert.Equal(MetricState.Ok, snapshot.State);
        Assert.Equal(75.0, snapshot.Csat!.Value, Tolerance);         // 60 / 80
        Assert.Equal(30.0, snapshot.Nps!.Value, Tolerance);          // (15 − 6) / 30
        Assert.Equal(67.5, snapshot.MeanNorm!.Value, Tolerance);     // 8100 / 120, all scales
        Assert.Equal(5.2, snapshot.CesMean!.Value, Tolerance);       // 52 / 10, ces7 only
        Assert.Equal(4.0, snapshot.StarsMean!.Value, Tolerance);     // 44 / 11 starred reviews
        Assert.Equal(0.3, snapshot.SentimentMean!.Value, Tolerance); // 3.6 / 12
        Assert.Equal(12, snapshot.Reviews);
        Assert.Equal(23, snapshot.Negatives);                        // 20 ratings + 3 reviews
        Assert.Null(snapshot.Baseline);
    }

    [Fact]
    public void Csat_interval_is_the_wilson_interval_in_percent()
    {
        var interval = SatisfactionSnapshot.From(_mixed, baseline: null).CsatInterval!.Value;

        // Wilson(60, 80) = (0.645153, 0.831938).
        Assert.Equal(64.5153253808, interval.Low, Tolerance);
        Assert.Equal(83.1937681425, interval.High, Tolerance);
    }

    [Fact]
    public void Nps_margin_is_the_95_percent_margin_in_points()
    {
        // p = 0.5, d = 0.2: 1.96 · sqrt((0.7 − 0.09) / 30) · 100 = 1.96 · 0.142595 · 100.
        Assert.Equal(27.9486195246, SatisfactionSnapshot.From(_mixed, baseline: null).NpsMargin!.Value, Tolerance);
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    public void Csat_needs_the_minimum_of_csat_like_ratings(long csatRatings, bool shown)
    {
        var snapshot = SatisfactionSnapshot.From(_mixed with { CsatRatings = csatRatings, CsatSatisfied = 7 }, null);

        Assert.Equal(shown, snapshot.Csat.HasValue);
        Assert.Equal(shown, snapshot.CsatInterval.HasValue);
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    public void Nps_needs_the_minimum_of_nps11_ratings(long npsRatings, bool shown)
    {
        var snapshot = SatisfactionSnapshot.From(_mixed with { NpsRatings = npsRatings, Promoters = 5, Detractors = 2 }, null);

        Assert.Equal(shown, snapshot.Nps.HasValue);
        Assert.Equal(shown, snapshot.NpsMargin.HasValue);
    }

    [Fact]
    public void Every_mean_needs_the_minimum_of_its_own_observations()
    {
        var thin = _mixed with { CesRatings = 9, StarredReviews = 9, SentimentCount = 9 };

        var snapshot = SatisfactionSnapshot.From(thin, null);

        Assert.NotNull(snapshot.MeanNorm);
        Assert.Null(snapshot.CesMean);
        Assert.Null(snapshot.StarsMean);
        Assert.Null(snapshot.SentimentMean);
    }

    [Fact]
    public void A_lower_minimum_shows_figures_of_few_ratings()
    {
        var few = new SatisfactionTotals { Ratings = 3, CsatRatings = 3, CsatSatisfied = 2, NormSum = 200 };

        var snapshot = SatisfactionSnapshot.From(few, null, minimumN: 3);

        Assert.Equal(MetricState.Ok, snapshot.State);
        Assert.Equal(66.6666666667, snapshot.Csat!.Value, Tolerance);
        Assert.Equal(66.6666666667, snapshot.MeanNorm!.Value, Tolerance);
    }

    [Fact]
    public void Reviews_alone_give_review_figures_but_no_rating_figures()
    {
        var reviewsOnly = new SatisfactionTotals
        {
            Reviews = 20, StarredReviews = 20, StarsSum = 70, NegativeReviews = 4, SentimentSum = -2, SentimentCount = 20,
        };

        var snapshot = SatisfactionSnapshot.From(reviewsOnly, null);

        Assert.Equal(MetricState.Ok, snapshot.State);
        Assert.Equal(0, snapshot.N);
        Assert.Null(snapshot.Csat);
        Assert.Null(snapshot.MeanNorm);
        Assert.Equal(3.5, snapshot.StarsMean!.Value, Tolerance);
        Assert.Equal(-0.1, snapshot.SentimentMean!.Value, Tolerance);
        Assert.Equal(4, snapshot.Negatives);
    }
}
