using CxMonitor.Core.Text;

namespace CxMonitor.Core.Tests.Text;

public class TextSignals
{
    [Theory]
    [InlineData("The staff were friendly and quick", "en")]
    [InlineData("Очень долго ждали, персонал грубый", "ru")]
    [InlineData("Это был ужасный сервис", "ru")]
    [InlineData("Дуже довго чекали, персонал грубий", "uk")]
    [InlineData("Все було добре, дякую", "uk")]
    [InlineData("Все было хорошо, спасибо", "ru")]
    [InlineData("12345 !!!", "und")]
    [InlineData("", "und")]
    public void Language_is_told_apart_for_english_russian_and_ukrainian(string text, string expected) =>
        Assert.Equal(expected, TextLanguage.Detect(text));

    [Theory]
    // English: polarity, negation, intensifiers
    [InlineData("great service", 0.3, 1)]
    [InlineData("bad service", -1, -0.3)]
    [InlineData("not bad", 0.05, 0.5)]
    [InlineData("not good", -0.5, -0.05)]
    [InlineData("the queue was terrible and the staff rude", -1, -0.7)]
    [InlineData("nothing to say", 0, 0)]
    // Russian
    [InlineData("отличный сервис", 0.3, 1)]
    [InlineData("не плохо", 0.05, 0.5)]
    [InlineData("не хорошо", -0.5, -0.05)]
    [InlineData("ужасное обслуживание и грубый персонал", -1, -0.7)]
    // Ukrainian
    [InlineData("чудовий сервіс", 0.3, 1)]
    [InlineData("не погано", 0.05, 0.5)]
    [InlineData("не добре", -0.5, -0.05)]
    [InlineData("жахливе обслуговування, брудно", -1, -0.7)]
    public void Sentiment_has_the_expected_sign_and_strength(string text, double min, double max)
    {
        var score = Sentiment.Score(text);

        Assert.InRange(score, min, max);
    }

    [Theory]
    [InlineData("good", "very good")]
    [InlineData("плохо", "очень плохо")]
    [InlineData("погано", "дуже погано")]
    public void An_intensifier_makes_the_score_stronger(string plain, string intensified) =>
        Assert.True(Math.Abs(Sentiment.Score(intensified)) > Math.Abs(Sentiment.Score(plain)), $"{Sentiment.Score(intensified)} vs {Sentiment.Score(plain)}");

    [Fact]
    public void Unfriendly_is_not_friendly() => Assert.True(Sentiment.Score("unfriendly staff") < 0);

    [Theory]
    [InlineData("Waited 40 minutes in the queue, cashier was rude", "staff,waiting")]
    [InlineData("Доставка опоздала, курьер грубил", "delivery,staff")]
    [InlineData("Ціни завеликі, а в туалеті брудно", "cleanliness,price")]
    [InlineData("Lovely", "")]
    public void Topics_come_from_the_dictionary_in_every_language(string text, string expected) =>
        Assert.Equal(expected, string.Join(',', new TextTopics(TextTopics.Default).Of(text).Order()));

    [Theory]
    [InlineData("Call me at +44 20 7946 0958 or mail jane.doe@example.com", "Call me at [phone] or mail [email]")]
    [InlineData("Пишіть на олена@приклад.укр", "Пишіть на [email]")]
    [InlineData("Order 12345 arrived at 10:30", "Order 12345 arrived at 10:30")]
    public void Emails_and_phone_numbers_are_masked(string text, string expected) => Assert.Equal(expected, TextMasking.Mask(text));
}
