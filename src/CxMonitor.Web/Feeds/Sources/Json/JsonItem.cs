using System.Globalization;
using System.Text.Json;

namespace CxMonitor.Web.Feeds.Sources.Json;

/// <summary>A mapping's paths, parsed once per document rather than once per review.</summary>
internal sealed class MappedPaths(JsonReviewMapping m)
{
    public readonly JsonFieldPath List = JsonFieldPath.Parse(m.List);
    public readonly JsonFieldPath Id = JsonFieldPath.Parse(m.Id);
    public readonly JsonFieldPath? Time = Optional(m.Time), Stars = Optional(m.Stars), Title = Optional(m.Title),
        Text = Optional(m.Text), Author = Optional(m.Author), Url = Optional(m.Url), Language = Optional(m.Language),
        Site = Optional(m.Site), Deleted = Optional(m.Deleted), SkipWhenMissing = Optional(m.SkipWhenMissing),
        NextPageToken = Optional(m.NextPageToken), NextPageLink = Optional(m.NextPageLink), Total = Optional(m.Total);

    static JsonFieldPath? Optional(string? path) => path is null ? null : JsonFieldPath.Parse(path);
}

/// <summary>One element of the list, read field by field; the first field that does not fit
/// stops it and is reported with its full path (<c>reviews[2].starRating</c>).</summary>
internal sealed class JsonItem(JsonElement element, string prefix, string? timeFormat, TimeZoneInfo? zone = null)
{
    public string? FailedPath { get; private set; }
    public string? Failure { get; private set; }

    public FeedReview? Read(MappedPaths p, JsonReviewMapping m)
    {
        var id = Text(p.Id);
        if (Failure is null && string.IsNullOrWhiteSpace(id)) Fail(p.Id, "missing; every review needs an id");
        var time = Time(p.Time);
        var stars = Stars(p.Stars, m.StarsValues);
        var title = Text(p.Title);
        var text = Text(p.Text);
        var author = Text(p.Author);
        var url = Text(p.Url);
        var language = Text(p.Language);
        var site = Text(p.Site);
        var deleted = Deleted(p.Deleted, m.DeletedValue);
        return Failure is null ? new FeedReview(id!.Trim(), time, stars, title, text, author, url, language, deleted, site) : null;
    }

    string? Text(JsonFieldPath? path)
    {
        if (Failure is not null || path is null || !path.TryFind(element, out var found)) return null;
        if (JsonFieldPath.ScalarText(found) is { } text) return string.IsNullOrWhiteSpace(text) ? null : text;
        Fail(path, $"expected text, found {JsonReviewParser.Kind(found)}");
        return null;
    }

    DateTimeOffset? Time(JsonFieldPath? path)
    {
        if (Failure is not null || path is null || !path.TryFind(element, out var found)) return null;
        if (found.ValueKind == JsonValueKind.Number && found.TryGetDouble(out var n) && FeedTimes.TryFromNumber(n, timeFormat, out var t))
            return t;
        if (found.ValueKind == JsonValueKind.String && FeedTimes.TryParse(found.GetString(), timeFormat, out t, zone))
            return t;
        Fail(path, $"{JsonReviewParser.Kind(found)} is not a time{(timeFormat is null ? "" : $" in the format '{timeFormat}'")}");
        return null;
    }

    int? Stars(JsonFieldPath? path, IReadOnlyDictionary<string, int>? values)
    {
        if (Failure is not null || path is null || !path.TryFind(element, out var found)) return null;
        var text = JsonFieldPath.ScalarText(found);
        if (values is not null && text is not null && values.TryGetValue(text, out var mapped)) return mapped;
        if (text is not null && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            return (int)Math.Round(number, MidpointRounding.AwayFromZero);
        Fail(path, values is null
            ? $"{JsonReviewParser.Kind(found)} is not a number of stars"
            : $"{found.GetRawText()} is not one of {string.Join(", ", values.OrderBy(v => v.Value).Select(v => v.Key))}");
        return null;
    }

    bool Deleted(JsonFieldPath? path, string? deletedValue)
    {
        if (Failure is not null || path is null || !path.TryFind(element, out var found)) return false;
        if (deletedValue is not null) return JsonFieldPath.ScalarText(found) == deletedValue;
        if (found.ValueKind is JsonValueKind.True or JsonValueKind.False) return found.GetBoolean();
        Fail(path, $"expected true or false, found {JsonReviewParser.Kind(found)}");
        return false;
    }

    void Fail(JsonFieldPath path, string why) => (FailedPath, Failure) = ($"{prefix}.{path.Text}", why);
}
