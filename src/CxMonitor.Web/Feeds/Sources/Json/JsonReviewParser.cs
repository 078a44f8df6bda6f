using System.Globalization;
using System.Text.Json;

namespace CxMonitor.Web.Feeds.Sources.Json;

/// <summary>Reads a page of a JSON review API through a <see cref="JsonReviewMapping"/>.</summary>
public static class JsonReviewParser
{
    /// <param name="offset">For offset-paged mappings (<see cref="JsonReviewMapping.Total"/>): the
    /// offset this page was requested with, so that the next one can be named.</param>
    /// <param name="zone">The time zone of times without one (null: UTC).</param>
    public static FeedPage Parse(string json, JsonReviewMapping mapping, int offset = 0, TimeZoneInfo? zone = null)
    {
        var paths = new MappedPaths(mapping);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new FeedFormatException($"The document is not JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            var token = Scalar(root, paths.NextPageToken);
            var link = Scalar(root, paths.NextPageLink);
            if (!paths.List.TryFind(root, out var list))
            {
                if (mapping.ListOptional) return new FeedPage([], [], token, link);
                throw new FeedFormatException($"List path '{mapping.List}' not found in the document.");
            }
            if (list.ValueKind is not (JsonValueKind.Array or JsonValueKind.Object))
                throw new FeedFormatException($"List path '{mapping.List}' leads to a {Kind(list)}, not an array.");

            var reviews = new List<FeedReview>();
            var errors = new List<FeedItemError>();
            var items = list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [list];
            for (var i = 0; i < items.Count; i++)
            {
                var prefix = list.ValueKind == JsonValueKind.Array ? $"{mapping.List}[{i}]" : mapping.List;
                if (paths.SkipWhenMissing is { } skip && !skip.TryFind(items[i], out _)) continue;
                var item = new JsonItem(items[i], prefix, mapping.TimeFormat, zone);
                if (item.Read(paths, mapping) is { } review) reviews.Add(review);
                else errors.Add(new FeedItemError(i, item.FailedPath!, item.Failure!));
            }
            if (paths.Total is { } totalPath && Scalar(root, totalPath) is { } totalText)
            {
                if (!int.TryParse(totalText, NumberStyles.None, CultureInfo.InvariantCulture, out var total))
                    throw new FeedFormatException($"Total path '{mapping.Total}' holds '{totalText}', not a count.");
                var next = offset + items.Count;
                token = items.Count > 0 && next < total ? next.ToString(CultureInfo.InvariantCulture) : null;
            }
            return new FeedPage(reviews, errors, token, link);
        }
    }

    static string? Scalar(JsonElement root, JsonFieldPath? path) =>
        path is not null && path.TryFind(root, out var found) && JsonFieldPath.ScalarText(found) is { Length: > 0 } text ? text : null;

    internal static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string {e.GetRawText()}",
        JsonValueKind.Number => $"the number {e.GetRawText()}",
        _ => e.GetRawText(),
    };
}
