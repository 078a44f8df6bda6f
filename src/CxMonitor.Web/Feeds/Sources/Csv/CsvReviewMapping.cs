namespace CxMonitor.Web.Feeds.Sources.Csv;

/// <summary>Which header columns of a review export hold which part of a review. Column names
/// are matched ignoring case and surrounding spaces.</summary>
public sealed class CsvReviewMapping
{
    /// <summary>The id column. When it is null, or empty on a row, the id is built from
    /// <see cref="IdFrom"/>: those columns' values joined with '/'.</summary>
    public string? Id { get; init; }
    public IReadOnlyList<string>? IdFrom { get; init; }
    public string? Time { get; init; }
    public string? Stars { get; init; }
    public string? Title { get; init; }
    public string? Text { get; init; }
    public string? Author { get; init; }
    public string? Url { get; init; }
    public string? Language { get; init; }
    public string? Site { get; init; }

    /// <summary>A column whose value "true", "1" or "yes" marks a deleted review.</summary>
    public string? Deleted { get; init; }

    /// <summary>As in the JSON mapping: null for ISO 8601 or bare unix seconds/milliseconds,
    /// <c>unix-seconds</c>, <c>unix-millis</c>, or a .NET custom format read as UTC.</summary>
    public string? TimeFormat { get; init; }

    /// <summary>',' or '\t'; null to take whichever of the two the header line has more of.</summary>
    public char? Delimiter { get; init; }
}

/// <summary>One data row of an export: a review, or why the row could not be read.
/// <see cref="Line"/> is the 1-based line the row starts on, counting the header.</summary>
public readonly record struct CsvReviewRow(int Index, int Line, FeedReview? Review, FeedItemError? Error);
