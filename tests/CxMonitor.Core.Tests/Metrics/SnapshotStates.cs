using CxMonitor.Core.Metrics;

namespace CxMonitor.Core.Tests.Metrics;

public class SnapshotStates
{
    [Theory]
    [InlineData(0, 0, 10, MetricState.NoData)]
    [InlineData(1, 0, 10, MetricState.NotEnoughData)]
    [InlineData(9, 0, 10, MetricState.NotEnoughData)]
    [InlineData(10, 0, 10, MetricState.Ok)]
    [InlineData(500, 0, 10, MetricState.Ok)]
    [InlineData(0, 1, 10, MetricState.NotEnoughData)]
    [InlineData(9, 9, 10, MetricState.NotEnoughData)]
    [InlineData(0, 10, 10, MetricState.Ok)]
    [InlineData(4, 0, 5, MetricState.NotEnoughData)]
    [InlineData(5, 0, 5, MetricState.Ok)]
    [InlineData(1, 0, 1, MetricState.Ok)]
    public void State_depends_on_ratings_or_reviews_reaching_the_minimum(
        long ratings, long reviews, int minimumN, MetricState expected)
    {
        var totals = new SatisfactionTotals { Ratings = ratings, Reviews = reviews };

        Assert.Equal(expected, SatisfactionSnapshot.From(totals, baseline: null, minimumN).State);
    }

    [Fact]
    public void The_default_minimum_is_ten_ratings()
    {
        Assert.Equal(MetricState.NotEnoughData, SatisfactionSnapshot.From(new() { Ratings = 9 }, null).State);
        Assert.Equal(MetricState.Ok, SatisfactionSnapshot.From(new() { Ratings = 10 }, null).State);
    }

    [Fact]
    public void An_empty_window_has_no_figures()
    {
        var snapshot = SatisfactionSnapshot.From(SatisfactionTotals.Empty, baseline: null);

        Assert.Equal(MetricState.NoData, snapshot.State);
        Assert.Equal(0, snapshot.N);
        Assert.Null(snapshot.Csat);
        Assert.Null(snapshot.CsatInterval);
        Assert.Null(snapshot.Nps);
        Assert.Null(snapshot.NpsMargin);
        Assert.Null(snapshot.MeanNorm);
        Assert.Null(snapshot.CesMean);
        Assert.Null(snapshot.StarsMean);
        Assert.Null(snapshot.SentimentMean);
        Assert.Equal(0, snapshot.Negatives);
        Assert.Null(snapshot.Baseline);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_minimum_below_one_is_rejected(int minimumN)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SatisfactionSnapshot.From(SatisfactionTotals.Empty, null, minimumN));
        Assert.Equal("minimumN", ex.ParamName);
    }
}
