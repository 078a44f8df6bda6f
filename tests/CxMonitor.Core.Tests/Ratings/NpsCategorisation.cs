using CxMonitor.Core.Ratings;

namespace CxMonitor.Core.Tests.Ratings;

public class NpsCategorisation
{
    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    public void Nps_counts_nine_and_ten_as_promoters(int score)
    {
        Assert.Equal(NpsCategory.Promoter, RatingScales.Classify(RatingScale.Nps11, score).Nps);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void Nps_counts_seven_and_eight_as_passives(int score)
    {
        Assert.Equal(NpsCategory.Passive, RatingScales.Classify(RatingScale.Nps11, score).Nps);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Nps_counts_zero_to_six_as_detractors(int score)
    {
        Assert.Equal(NpsCategory.Detractor, RatingScales.Classify(RatingScale.Nps11, score).Nps);
    }

    [Theory]
    [InlineData(RatingScale.Csat5, 1)]
    [InlineData(RatingScale.Csat5, 5)]
    [InlineData(RatingScale.Ces7, 1)]
    [InlineData(RatingScale.Ces7, 7)]
    [InlineData(RatingScale.Smiley4, 1)]
    [InlineData(RatingScale.Smiley4, 4)]
    [InlineData(RatingScale.Stars5, 1)]
    [InlineData(RatingScale.Stars5, 5)]
    [InlineData(RatingScale.Thumbs2, 0)]
    [InlineData(RatingScale.Thumbs2, 1)]
    public void Scales_other_than_nps11_have_no_nps_category(RatingScale scale, int score)
    {
        Assert.Null(RatingScales.Classify(scale, score).Nps);
    }
}
