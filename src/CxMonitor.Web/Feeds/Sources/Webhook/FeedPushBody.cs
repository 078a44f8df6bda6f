using CxMonitor.Web.Feeds.Sources.Json;

namespace CxMonitor.Web.Feeds.Sources.Webhook;

/// <summary>The body of a signed push: <c>{"reviews":[{"externalId", "time", "stars", "title",
/// "text", "author", "url", "language", "deleted", "site"}]}</c>. It is our own format, so it is
/// read through the same mapping machinery as the APIs we poll, and its errors read the same way
/// (<c>reviews[1].stars: the string "five" is not a number of stars</c>).</summary>
public static class FeedPushBody
{
    public static readonly JsonReviewMapping Mapping = new()
    {
        List = "reviews",
        Id = "externalId",
        Time = "time",
        Stars = "stars",
        Title = "title",
        Text = "text",
        Author = "author",
        Url = "url",
        Language = "language",
        Deleted = "deleted",
        Site = "site",
    };

    public static FeedPage Parse(string json) => JsonReviewParser.Parse(json, Mapping);
}
