namespace CxMonitor.Web.Ingest;

/// <summary>A review that passed every check. (Platform, ExternalId) identifies it.</summary>
public sealed record ValidReview(
    string Platform,
    string ExternalId,
    DateTimeOffset Time,
    int? Stars,
    string? Title,
    string? Text,
    string? Author,
    string? Url,
    string Site,
    string? Language)
{
    /// <summary>The text's sentiment from −1 to 1; null when the review has no text.</summary>
    public double? Sentiment { get; init; }

    /// <summary>Topics the text mentions, from the configured dictionary.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    /// <summary>The text is strongly negative (see <see cref="ReviewSignals"/>).</summary>
    public bool NegativeText { get; init; }

    /// <summary>Removed on its platform: kept at its point with nothing counted.</summary>
    public bool Removed { get; init; }

    /// <summary>Two stars or fewer, or strongly negative text: shown on the wall ticker and
    /// counted as a negative.</summary>
    public bool IsNegative => !Removed && (Stars is <= 2 || NegativeText);
}
