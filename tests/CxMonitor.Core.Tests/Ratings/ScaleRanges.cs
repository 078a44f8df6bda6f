using CxMonitor.Core.Ratings;

namespace CxMonitor.Core.Tests.Ratings;

public class ScaleRanges
{
    [Theory]
    [InlineData(RatingScale.Csat5, 1, 5)]
    [InlineData(RatingScale.Nps11, 0, 10)]
    [InlineData(RatingScale.Ces7, 1, 7)]
    [InlineData(RatingScale.Smiley4, 1, 4)]
    [InlineData(RatingScale.Stars5, 1, 5)]
    [InlineData(RatingScale.Thumbs2, 0, 1)]
    public void Every_scale_has_its_inclusive_range(RatingScale scale, int min, int max)
    {
        Assert.Equal((min, max), RatingScales.Range(scale));
    }

    [Theory]
    [InlineData(RatingScale.Csat5, true)]
    [InlineData(RatingScale.Nps11, false)]
    [InlineData(RatingScale.Ces7, false)]
    [InlineData(RatingScale.Smiley4, true)]
    [InlineData(RatingScale.Stars5, true)]
    [InlineData(RatingScale.Thumbs2, true)]
    public void Only_csat5_smiley4_stars5_and_thumbs2_are_csat_like(RatingScale scale, bool expected)
    {
        Assert.Equal(expected, RatingScales.IsCsatLike(scale));
    }
}
