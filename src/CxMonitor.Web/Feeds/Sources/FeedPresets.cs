using System.Collections.Frozen;
using CxMonitor.Web.Feeds.Sources.Csv;
using CxMonitor.Web.Feeds.Sources.Json;
using CxMonitor.Web.Feeds.Sources.Syndication;

namespace CxMonitor.Web.Feeds.Sources;

public enum FeedSourceKind
{
    Syndication,
    Json,
    Csv,
}

/// <summary>A ready mapping for a review platform; exactly the options of its kind are set.</summary>
public sealed record FeedPreset(string Name, FeedSourceKind Kind, SyndicationOptions? Syndication = null,
    JsonReviewMapping? Json = null, CsvReviewMapping? Csv = null);

/// <summary>The platforms a site can be connected to by name alone. Each preset is described,
/// with its sample, in Sources/README.md.</summary>
public static class FeedPresets
{
    // Frozen because presets are shared by every feed of the app: nobody may change them in place.
    static readonly FrozenDictionary<string, int> GoogleStars = new Dictionary<string, int>
    {
        ["ONE"] = 1, ["TWO"] = 2, ["THREE"] = 3, ["FOUR"] = 4, ["FIVE"] = 5,
    }.ToFrozenDictionary();

    public static readonly FeedPreset GoogleBusiness = new("google-business", FeedSourceKind.Json, Json: new JsonReviewMapping
    {
        List = "reviews",
        ListOptional = true,
        Id = "reviewId",
        // updateTime moves when a reviewer edits, so the edited review replaces the first one.
        Time = "updateTime",
        Stars = "starRating",
        StarsValues = GoogleStars,
        Text = "comment",
        Author = "reviewer.displayName",
        NextPageToken = "nextPageToken",
    });

    public static readonly FeedPreset AppleAppStore = new("apple-appstore", FeedSourceKind.Json, Json: new JsonReviewMapping
    {
        List = "feed.entry",
        Id = "id.label",
        Time = "updated.label",
        Stars = "[\"im:rating\"].label",
        Title = "title.label",
        Text = "content.label",
        Author = "author.name.label",
        Url = "author.uri.label",
        // Older pages open with an entry describing the app itself; it has no rating and is not a review.
        SkipWhenMissing = "[\"im:rating\"]",
        NextPageLink = "feed.link[attributes.rel=next].attributes.href",
    });

    public static readonly FeedPreset YelpFusion = new("yelp-fusion", FeedSourceKind.Json, Json: new JsonReviewMapping
    {
        List = "reviews",
        Id = "id",
        Time = "time_created",
        TimeFormat = "yyyy-MM-dd HH:mm:ss",
        Stars = "rating",
        Text = "text",
        Author = "user.name",
        Url = "url",
        Total = "total",
    });

    public static readonly FeedPreset GooglePlayCsv = new("google-play-csv", FeedSourceKind.Csv, Csv: new CsvReviewMapping
    {
        // The link is empty for reviews without text, and its form has changed over the years;
        // package and submit time identify a review for good, through later edits.
        IdFrom = ["Package Name", "Review Submit Millis Since Epoch"],
        Time = "Review Last Update Millis Since Epoch",
        TimeFormat = FeedTimes.UnixMillis,
        Stars = "Star Rating",
        Title = "Review Title",
        Text = "Review Text",
        Language = "Reviewer Language",
        Url = "Review Link",
        Delimiter = ',',
    });

    public static readonly FeedPreset Atom = new("atom", FeedSourceKind.Syndication,
        Syndication: new SyndicationOptions { StarsFrom = StarsSource.Title | StarsSource.Content });

    public static readonly FeedPreset Rss = new("rss", FeedSourceKind.Syndication,
        Syndication: new SyndicationOptions { StarsFrom = StarsSource.Title | StarsSource.Content });

    static readonly Dictionary<string, FeedPreset> ByName =
        new[] { GoogleBusiness, AppleAppStore, GooglePlayCsv, YelpFusion, Atom, Rss }.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FeedPreset? preset) => ByName.TryGetValue(name, out preset);

    public static FeedPreset Get(string name) =>
        ByName.TryGetValue(name, out var preset)
            ? preset
            : throw new KeyNotFoundException($"There is no feed preset named '{name}'; the presets are: {string.Join(", ", ByName.Keys)}.");
}
