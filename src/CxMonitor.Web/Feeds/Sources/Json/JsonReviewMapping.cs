namespace CxMonitor.Web.Feeds.Sources.Json;

/// <summary>Where the parts of a review sit in a JSON review API's response. Paths are relative
/// to one element of <see cref="List"/>, except the paging paths, which start at the document's
/// root. See <see cref="JsonFieldPath"/> for the path syntax.</summary>
public sealed class JsonReviewMapping
{
    /// <summary>The array of reviews. A single object there is read as a list of one, because
    /// Apple's feed does exactly that when a page holds one review.</summary>
    public required string List { get; init; }

    /// <summary>Google leaves the list out when a location has no reviews; only then is a missing
    /// list an empty page rather than a mapping that does not fit.</summary>
    public bool ListOptional { get; init; }

    public required string Id { get; init; }
    public string? Time { get; init; }

    /// <summary>A number, a numeric string, or a word translated by <see cref="StarsValues"/>.</summary>
    public string? Stars { get; init; }
    public IReadOnlyDictionary<string, int>? StarsValues { get; init; }
    public string? Title { get; init; }
    public string? Text { get; init; }
    public string? Author { get; init; }
    public string? Url { get; init; }
    public string? Language { get; init; }
    public string? Site { get; init; }

    /// <summary>A boolean, or a value that is compared with <see cref="DeletedValue"/>.</summary>
    public string? Deleted { get; init; }
    public string? DeletedValue { get; init; }

    /// <summary>An element of the list that lacks this path is not a review and is skipped
    /// without an error (Apple's feed puts the app itself first, without "im:rating").</summary>
    public string? SkipWhenMissing { get; init; }

    public string? NextPageToken { get; init; }
    public string? NextPageLink { get; init; }

    /// <summary>For offset-paged APIs (Yelp): the total number of reviews. The page's
    /// NextPageToken is then the offset of the next page, as a number, while one remains.</summary>
    public string? Total { get; init; }

    /// <summary>Null reads ISO 8601 / RFC 3339 (any number of fractional digits) and bare unix
    /// seconds or milliseconds; otherwise <c>unix-seconds</c>, <c>unix-millis</c> or a .NET
    /// custom format, where a format without a zone is read as UTC.</summary>
    public string? TimeFormat { get; init; }
}
