using CxMonitor.Simulator.Generation;

namespace CxMonitor.Simulator.Text;

/// <summary>How a customer felt, coarsely: enough to pick a fitting comment or review.</summary>
public enum Sentiment { Negative, Neutral, Positive }

/// <summary>Hand-written comments, review titles and author names in one language.</summary>
public sealed class CommentBank
{
    public required string Language { get; init; }

    /// <summary>
    /// Keyed by "positive", "neutral" and "negative" (usable anywhere), the same with ":in-store",
    /// ":delivery", ":support" or ":app" (only fits there), and by reason code, optionally with one of
    /// those contexts or ":remote" (anywhere but in the store) where a complaint reads differently there.
    /// </summary>
    public required IReadOnlyDictionary<string, string[]> Comments { get; init; }
    public required string[] PositiveTitles { get; init; }
    public required string[] NeutralTitles { get; init; }
    public required string[] NegativeTitles { get; init; }
    public required string[] Authors { get; init; }

    /// <param name="context">Where the customer was, from <see cref="ContextOf"/>: a comment must fit it.</param>
    public string Comment(Random random, Sentiment sentiment, string? reason, string context)
    {
        // Most unhappy customers write about the cause they ticked, some just vent.
        if (sentiment == Sentiment.Negative && reason is not null && random.NextDouble() < 0.8
            && (Comments.TryGetValue($"{reason}:{context}", out var complaint)
                || (context != "in-store" && Comments.TryGetValue(reason + ":remote", out complaint))
                || Comments.TryGetValue(reason, out complaint)))
            return random.PickOne(complaint);
        var key = sentiment switch
        {
            Sentiment.Negative => "negative",
            Sentiment.Neutral => "neutral",
            _ => "positive",
        };
        if (random.NextDouble() < 0.6 && Comments.TryGetValue($"{key}:{context}", out var specific))
            return random.PickOne(specific);
        return random.PickOne(Comments[key]);
    }

    public string Title(Random random, Sentiment sentiment) => random.PickOne(sentiment switch
    {
        Sentiment.Negative => NegativeTitles,
        Sentiment.Neutral => NeutralTitles,
        _ => PositiveTitles,
    });

    public static string ContextOf(string channel, string touchpoint) => (channel, touchpoint) switch
    {
        ("app", _) => "app",
        (_, "delivery") => "delivery",
        (_, "support") => "support",
        ("in-store", _) => "in-store",
        _ => "online",
    };

    public static CommentBank For(string language) => language switch
    {
        "uk" => UkrainianComments.Bank,
        "ru" => RussianComments.Bank,
        _ => EnglishComments.Bank,
    };
}
