using CxMonitor.Core.Ratings;
using static CxMonitor.Core.Ratings.Satisfaction;

namespace CxMonitor.Core.Tests.Ratings;

// Norms are (score - min) / (max - min) * 100, worked out by hand: thirds and sixths are
// written to ten decimals and compared within 1e-9.
public class ScoreClassification
{
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData(1, 0.0, Dissatisfied)]
    [InlineData(2, 25.0, Dissatisfied)]
    [InlineData(3, 50.0, Neutral)]
    [InlineData(4, 75.0, Satisfied)]
    [InlineData(5, 100.0, Satisfied)]
    public void Csat5_counts_four_and_five_as_satisfied(int score, double norm, Satisfaction satisfaction)
    {
        AssertClassified(RatingScale.Csat5, score, norm, satisfaction, isCsatLike: true);
    }

    [Theory]
    [InlineData(0, 0.0, Dissatisfied)]
    [InlineData(1, 10.0, Dissatisfied)]
    [InlineData(2, 20.0, Dissatisfied)]
    [InlineData(3, 30.0, Dissatisfied)]
    [InlineData(4, 40.0, Dissatisfied)]
    [InlineData(5, 50.0, Dissatisfied)]
    [InlineData(6, 60.0, Dissatisfied)]
    [InlineData(7, 70.0, Neutral)]
    [InlineData(8, 80.0, Neutral)]
    [InlineData(9, 90.0, Satisfied)]
    [InlineData(10, 100.0, Satisfied)]
    public void Nps11_reads_promoters_as_satisfied_and_detractors_as_dissatisfied(
        int score, double norm, Satisfaction satisfaction)
    {
        AssertClassified(RatingScale.Nps11, score, norm, satisfaction, isCsatLike: false);
    }

    [Theory]
    [InlineData(1, 0.0, Dissatisfied)]
    [InlineData(2, 16.6666666667, Dissatisfied)]
    [InlineData(3, 33.3333333333, Dissatisfied)]
    [InlineData(4, 50.0, Neutral)]
    [InlineData(5, 66.6666666667, Satisfied)]
    [InlineData(6, 83.3333333333, Satisfied)]
    [InlineData(7, 100.0, Satisfied)]
    public void Ces7_counts_five_to_seven_as_easy_enough_to_satisfy(int score, double norm, Satisfaction satisfaction)
    {
        AssertClassified(RatingScale.Ces7, score, norm, satisfaction, isCsatLike: false);
    }

    [Theory]
    [InlineData(1, 0.0, Dissatisfied)]
    [InlineData(2, 33.3333333333, Dissatisfied)]
    [InlineData(3, 66.6666666667, Satisfied)]
    [InlineData(4, 100.0, Satisfied)]
    public void Smiley4_has_no_neutral_button(int score, double norm, Satisfaction satisfaction)
    {
        AssertClassified(RatingScale.Smiley4, score, norm, satisfaction, isCsatLike: true);
    }

    [Theory]
    [InlineData(1, 0.0, Dissatisfied)]
    [InlineData(2, 25.0, Dissatisfied)]
    [InlineData(3, 50.0, Neutral)]
    [InlineData(4, 75.0, Satisfied)]
    [InlineData(5, 100.0, Satisfied)]
    public void Stars5_reads_like_csat5(int score, double norm, Satisfaction satisfaction)
    {
        AssertClassified(RatingScale.Stars5, score, norm, satisfaction, isCsatLike: true);
    }

    [Theory]
    [InlineData(0, 0.0, Dissatisfied)]
    [InlineData(1, 100.0, Satisfied)]
    public void Thumbs2_is_down_or_up(int score, double norm, Satisfaction satisfaction)
    {
        AssertClassified(RatingScale.Thumbs2, score, norm, satisfaction, isCsatLike: true);
    }

    private static void AssertClassified(
        RatingScale scale, int score, double norm, Satisfaction satisfaction, bool isCsatLike)
    {
        var classification = RatingScales.Classify(scale, score);

        Assert.Equal(norm, classification.Norm, Tolerance);
        Assert.Equal(satisfaction, classification.Satisfaction);
        Assert.Equal(isCsatLike, classification.IsCsatLike);
    }
}
