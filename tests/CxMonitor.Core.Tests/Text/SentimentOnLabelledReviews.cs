using CxMonitor.Core.Text;

namespace CxMonitor.Core.Tests.Text;

/// <summary>The sentiment score against 600+ reviews labelled by hand (Samples/*.tsv).</summary>
public class SentimentOnLabelledReviews
{
    private static readonly IReadOnlyList<LabelledReview> Reviews = LabelledReviews.Load(LabelledReviews.SamplesFolder);

    [Fact]
    public void The_set_has_two_hundred_reviews_per_language_in_all_three_classes()
    {
        foreach (var language in new[] { "en", "ru", "uk" })
        {
            var ofLanguage = Reviews.Where(r => r.Language == language).ToList();
            Assert.True(ofLanguage.Count >= 200, $"{language}: {ofLanguage.Count} reviews");
            foreach (var label in LabelledReviews.Classes)
                Assert.True(ofLanguage.Count(r => r.Label == label) >= 60, $"{language} {label}");
        }
    }

    [Fact]
    public void No_one_star_complaint_scores_positive()
    {
        var positive = Reviews.Where(r => r.Stars == 1 && r.Label == "negative")
            .Select(r => (r.Text, Score: Sentiment.Score(r.Text))).Where(s => s.Score > 0).ToList();

        Assert.True(positive.Count == 0, string.Join(Environment.NewLine, positive.Select(p => $"{p.Score:+0.000}  {p.Text}")));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ru")]
    [InlineData("uk")]
    public void Three_classes_are_told_apart_at_least_as_well_as_the_target(string language)
    {
        var ofLanguage = Reviews.Where(r => r.Language == language).ToList();
        var matrix = LabelledReviews.Confusion(ofLanguage, LabelledReviews.Lexicon);
        var wrong = ofLanguage.Where(r => LabelledReviews.Lexicon(r.Text) != r.Label)
            .Select(r => $"{r.Label,-9}{Sentiment.Score(r.Text),7:+0.000;-0.000}  {r.Text}");

        Assert.True(LabelledReviews.Accuracy(matrix) >= 0.85,
            $"{language}: {LabelledReviews.Accuracy(matrix):P1}{Environment.NewLine}{LabelledReviews.Format(matrix)}{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
    }

    // Written after the lexicon was first tuned: a guard against tuning to one set alone.
    [Fact]
    public void The_second_set_is_read_well_enough_too()
    {
        var second = LabelledReviews.Load(Path.Combine(LabelledReviews.SamplesFolder, "Unseen"));
        var matrix = LabelledReviews.Confusion(second, LabelledReviews.Lexicon);

        Assert.True(second.Count >= 120, $"{second.Count} reviews");
        Assert.True(LabelledReviews.Accuracy(matrix) >= 0.80, $"{LabelledReviews.Accuracy(matrix):P1}{Environment.NewLine}{LabelledReviews.Format(matrix)}");
        Assert.DoesNotContain(second, r => r.Stars == 1 && r.Label == "negative" && Sentiment.Score(r.Text) > 0);
    }

    [Theory]
    [InlineData("The courier never came. Terrible service.")]
    [InlineData("Курьер так и не приехал. Ужасный сервис.")]
    [InlineData("Кур'єр так і не приїхав. Жахливий сервіс.")]
    [InlineData("I did not expect much. Awful.")]
    [InlineData("Не ожидал многого. Отвратительно.")]
    [InlineData("Нічого не чекав. Огидно.")]
    public void A_negation_does_not_reach_into_the_next_sentence(string text) =>
        Assert.InRange(Sentiment.Score(text), -1, -0.5);

    [Theory]
    [InlineData("Really. Bad.", "Bad.")]
    [InlineData("Очень! Плохо.", "Плохо.")]
    [InlineData("Дуже, погано", "погано")]
    public void An_intensifier_does_not_reach_into_the_next_clause(string text, string alone) =>
        Assert.Equal(Sentiment.Score(alone), Sentiment.Score(text));

    [Fact]
    public void A_review_of_thousands_of_words_is_scored_like_its_parts()
    {
        var longText = string.Concat(Enumerable.Repeat("The courier never came. Terrible service. ", 2_000));

        Assert.InRange(Sentiment.Score(longText), -1, -0.9);
    }
}
