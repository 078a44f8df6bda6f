using CxMonitor.Core.Ratings;

namespace CxMonitor.Core.Tests.Ratings;

public class ScoreValidation
{
    [Theory]
    [InlineData(RatingScale.Csat5, 1)]
    [InlineData(RatingScale.Csat5, 2)]
    [InlineData(RatingScale.Csat5, 3)]
    [InlineData(RatingScale.Csat5, 4)]
    [InlineData(RatingScale.Csat5, 5)]
    [InlineData(RatingScale.Nps11, 0)]
    [InlineData(RatingScale.Nps11, 1)]
    [InlineData(RatingScale.Nps11, 2)]
    [InlineData(RatingScale.Nps11, 3)]
    [InlineData(RatingScale.Nps11, 4)]
    [InlineData(RatingScale.Nps11, 5)]
    [InlineData(RatingScale.Nps11, 6)]
    [InlineData(RatingScale.Nps11, 7)]
    [InlineData(RatingScale.Nps11, 8)]
    [InlineData(RatingScale.Nps11, 9)]
    [InlineData(RatingScale.Nps11, 10)]
    [InlineData(RatingScale.Ces7, 1)]
    [InlineData(RatingScale.Ces7, 2)]
    [InlineData(RatingScale.Ces7, 3)]
    [InlineData(RatingScale.Ces7, 4)]
    [InlineData(RatingScale.Ces7, 5)]
    [InlineData(RatingScale.Ces7, 6)]
    [InlineData(RatingScale.Ces7, 7)]
    [InlineData(RatingScale.Smiley4, 1)]
    [InlineData(RatingScale.Smiley4, 2)]
    [InlineData(RatingScale.Smiley4, 3)]
    [InlineData(RatingScale.Smiley4, 4)]
    [InlineData(RatingScale.Stars5, 1)]
    [InlineData(RatingScale.Stars5, 2)]
    [InlineData(RatingScale.Stars5, 3)]
    [InlineData(RatingScale.Stars5, 4)]
    [InlineData(RatingScale.Stars5, 5)]
    [InlineData(RatingScale.Thumbs2, 0)]
    [InlineData(RatingScale.Thumbs2, 1)]
    [InlineData(RatingScale.Nps11, -0.0)]
    [InlineData(RatingScale.Csat5, 4.0)]
    public void Whole_scores_within_the_range_are_valid(RatingScale scale, double score)
    {
        Assert.True(RatingScales.IsValidScore(scale, score));
    }

    [Theory]
    [InlineData(RatingScale.Csat5, 0)]
    [InlineData(RatingScale.Csat5, 6)]
    [InlineData(RatingScale.Nps11, -1)]
    [InlineData(RatingScale.Nps11, 11)]
    [InlineData(RatingScale.Ces7, 0)]
    [InlineData(RatingScale.Ces7, 8)]
    [InlineData(RatingScale.Smiley4, 0)]
    [InlineData(RatingScale.Smiley4, 5)]
    [InlineData(RatingScale.Stars5, 0)]
    [InlineData(RatingScale.Stars5, 6)]
    [InlineData(RatingScale.Thumbs2, -1)]
    [InlineData(RatingScale.Thumbs2, 2)]
    [InlineData(RatingScale.Nps11, 100)]
    [InlineData(RatingScale.Csat5, -3)]
    public void Scores_outside_the_range_are_invalid(RatingScale scale, double score)
    {
        Assert.False(RatingScales.IsValidScore(scale, score));
    }

    [Theory]
    [InlineData(RatingScale.Csat5, 3.5)]
    [InlineData(RatingScale.Csat5, 4.000001)]
    [InlineData(RatingScale.Nps11, 9.99)]
    [InlineData(RatingScale.Ces7, 1.5)]
    [InlineData(RatingScale.Smiley4, 2.25)]
    [InlineData(RatingScale.Stars5, 4.5)]
    [InlineData(RatingScale.Thumbs2, 0.5)]
    [InlineData(RatingScale.Thumbs2, 0.999)]
    public void Fractional_scores_are_invalid(RatingScale scale, double score)
    {
        Assert.False(RatingScales.IsValidScore(scale, score));
    }

    [Theory]
    [InlineData(RatingScale.Csat5, double.NaN)]
    [InlineData(RatingScale.Nps11, double.NaN)]
    [InlineData(RatingScale.Thumbs2, double.NaN)]
    [InlineData(RatingScale.Nps11, double.PositiveInfinity)]
    [InlineData(RatingScale.Ces7, double.NegativeInfinity)]
    [InlineData(RatingScale.Stars5, double.MaxValue)]
    [InlineData(RatingScale.Nps11, double.Epsilon)]
    public void Not_a_number_infinities_and_extremes_are_invalid(RatingScale scale, double score)
    {
        Assert.False(RatingScales.IsValidScore(scale, score));
    }

    [Theory]
    [InlineData(RatingScale.Csat5, 0, "csat5", 1, 5)]
    [InlineData(RatingScale.Csat5, 6, "csat5", 1, 5)]
    [InlineData(RatingScale.Nps11, -1, "nps11", 0, 10)]
    [InlineData(RatingScale.Nps11, 11, "nps11", 0, 10)]
    [InlineData(RatingScale.Ces7, 0, "ces7", 1, 7)]
    [InlineData(RatingScale.Ces7, 8, "ces7", 1, 7)]
    [InlineData(RatingScale.Smiley4, 0, "smiley4", 1, 4)]
    [InlineData(RatingScale.Smiley4, 5, "smiley4", 1, 4)]
    [InlineData(RatingScale.Stars5, 0, "stars5", 1, 5)]
    [InlineData(RatingScale.Stars5, 6, "stars5", 1, 5)]
    [InlineData(RatingScale.Thumbs2, -1, "thumbs2", 0, 1)]
    [InlineData(RatingScale.Thumbs2, 2, "thumbs2", 0, 1)]
    [InlineData(RatingScale.Nps11, int.MinValue, "nps11", 0, 10)]
    [InlineData(RatingScale.Csat5, int.MaxValue, "csat5", 1, 5)]
    public void Classifying_an_invalid_score_names_the_scale_and_its_range(
        RatingScale scale, int score, string code, int min, int max)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RatingScales.Classify(scale, score));

        Assert.Equal("score", ex.ParamName);
        Assert.Equal(score, ex.ActualValue);
        Assert.Contains($"Scale {code} takes whole scores from {min} to {max}.", ex.Message, StringComparison.Ordinal);
    }
}
