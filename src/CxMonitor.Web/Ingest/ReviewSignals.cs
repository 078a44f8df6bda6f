using CxMonitor.Core.Text;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Ingest;

/// <summary>Text settings: the topic dictionary (topic → word stems in any of our languages)
/// and how low a sentiment counts as strongly negative.</summary>
public sealed class TextOptions
{
    public const string Section = "Text";

    /// <summary>Empty: the built-in dictionary (<see cref="TextTopics.Default"/>).</summary>
    public Dictionary<string, string[]> Topics { get; set; } = new(StringComparer.Ordinal);

    [System.ComponentModel.DataAnnotations.Range(-1.0, 0.0)]
    public double StronglyNegative { get; set; } = -0.5;
}

/// <summary>What a review's text says, worked out once at ingest so that every reader (rolling
/// metrics, rules, the ticker, drivers) agrees: HTML stripped, the language detected when the
/// feed did not say, a sentiment score, topics.</summary>
public sealed class ReviewSignals(IOptions<TextOptions> options)
{
    private readonly TextTopics _topics = new(options.Value.Topics.Count > 0 ? options.Value.Topics : TextTopics.Default);

    public TextTopics Topics => _topics;

    public ValidReview Apply(ValidReview r)
    {
        var title = Plain(r.Title);
        var text = Plain(r.Text);
        var both = title is null ? text : text is null ? title : title + "\n" + text;
        if (both is null)
            return r with { Title = title, Text = text };
        // One split for both readers: topics skip the clause breaks that bound a negation.
        var words = TextTokens.WordsAndClauseBreaks(both).ToArray();
        var sentiment = Sentiment.Score(words);
        var language = r.Language ?? (TextLanguage.Detect(both) is var detected && detected != "und" ? detected : null);
        return r with
        {
            Title = title, Text = text, Language = language,
            Sentiment = sentiment, Topics = _topics.Of(words), NegativeText = sentiment <= options.Value.StronglyNegative,
        };
    }

    private static string? Plain(string? html) => string.IsNullOrWhiteSpace(html) ? null : TextHtml.Strip(html) is { Length: > 0 } s ? s : null;
}
