namespace CxMonitor.Web.Feeds;

/// <summary>One review as a source reads it, before validation: what a feed document, a CSV row
/// or a pushed message says, in our vocabulary. <see cref="Site"/> is only set where the source
/// itself names the site (a CSV column); otherwise the feed's own site applies.</summary>
public sealed record FeedReview(
    string ExternalId,
    DateTimeOffset? Time,
    int? Stars,
    string? Title,
    string? Text,
    string? Author,
    string? Url,
    string? Language,
    bool Deleted = false,
    string? Site = null);

/// <summary>An item a source could not read: its position in the document (0-based), the mapping
/// path or column that failed, and why.</summary>
public sealed record FeedItemError(int Index, string Path, string Error);

/// <summary>What one document (one page of a feed) held, and where the next page is, if any.</summary>
public sealed record FeedPage(IReadOnlyList<FeedReview> Reviews, IReadOnlyList<FeedItemError> Errors, string? NextPageToken = null, string? NextPageUrl = null)
{
    public static readonly FeedPage Empty = new([], []);
}

/// <summary>A document that does not fit its mapping at all (not JSON, no list at the list path,
/// a CSV without a mapped column): the message names the path.</summary>
public sealed class FeedFormatException(string message) : Exception(message);
