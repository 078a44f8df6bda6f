using System.Text.Json;

namespace CxMonitor.Web.Ingest;

/// <summary>Checks one review item and names every field that is wrong and why.</summary>
public sealed class ReviewValidator(IngestOptions options, TimeSpan retention)
{
    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "platform", "externalId", "time", "stars", "title", "text", "author", "url", "site", "language", "deleted",
    };

    private static readonly byte[][] KnownNames = KnownFields.Select(System.Text.Encoding.UTF8.GetBytes).ToArray();

    public ValidReview? Validate(IngestItem item, DateTimeOffset now, Func<string, bool> siteExists, List<ItemError> errors)
    {
        var before = errors.Count;
        var i = item.Index;
        if (item.ParseError is not null || item.Json.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ItemError(i, "(item)", item.ParseError ?? $"must be a JSON object, got {FieldRules.Kind(item.Json)}"));
            return null;
        }
        var json = item.Json;
        var unknown = new List<string>();
        Check(errors, i, "(item)", FieldRules.UnknownFields(json, KnownNames, unknown));
        foreach (var name in unknown)
            errors.Add(new ItemError(i, name, "is not a review field (expected: " + string.Join(", ", KnownFields) + ")"));
        Required(errors, i, "platform", FieldRules.OptionalSlug(json, "platform", out var platform), platform);
        Required(errors, i, "externalId", FieldRules.OptionalString(json, "externalId", 256, out var externalId) ?? FieldRules.IdRule(externalId), string.IsNullOrEmpty(externalId) ? null : externalId);
        Check(errors, i, "time", FieldRules.OptionalTime(json, now, options.MaxClockSkew, retention, out var time));
        var stars = ReadStars(json, i, errors);
        Check(errors, i, "title", FieldRules.OptionalString(json, "title", 500, out var title));
        Check(errors, i, "text", FieldRules.OptionalString(json, "text", options.MaxReviewTextLength, out var text));
        Check(errors, i, "author", FieldRules.OptionalString(json, "author", 200, out var author));
        Check(errors, i, "url", FieldRules.OptionalString(json, "url", 2000, out var url));
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)))
            errors.Add(new ItemError(i, "url", $"must be an absolute http(s) address, got '{FieldRules.Truncate(url)}'"));
        Check(errors, i, "site", FieldRules.RequiredSite(json, siteExists, out var site));
        Check(errors, i, "language", FieldRules.OptionalLanguage(json, out var language));
        var deleted = false;
        if (json.TryGetProperty("deleted", out var d) && d.ValueKind != JsonValueKind.Null)
        {
            if (d.ValueKind is JsonValueKind.True or JsonValueKind.False)
                deleted = d.GetBoolean();
            else
                errors.Add(new ItemError(i, "deleted", $"must be true or false when given; got {FieldRules.Kind(d)}"));
        }
        if (errors.Count > before)
            return null;
        return new ValidReview(platform!, externalId!, time, stars, Blank(title), Blank(text), Blank(author), url, site!, language) { Removed = deleted };
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static int? ReadStars(JsonElement json, int i, List<ItemError> errors)
    {
        if (!json.TryGetProperty("stars", out var e) || e.ValueKind == JsonValueKind.Null)
            return null;
        if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var d) && d is >= 1 and <= 5 && d == Math.Floor(d))
            return (int)d;
        errors.Add(new ItemError(i, "stars", $"must be a whole number from 1 to 5 when given; got {(e.ValueKind == JsonValueKind.Number ? e.GetRawText() : FieldRules.Kind(e))}"));
        return null;
    }

    private static void Required(List<ItemError> errors, int index, string field, string? error, string? value)
    {
        if (error is not null)
            errors.Add(new ItemError(index, field, error));
        else if (value is null)
            errors.Add(new ItemError(index, field, "is required"));
    }

    private static void Check(List<ItemError> errors, int index, string field, string? error)
    {
        if (error is not null)
            errors.Add(new ItemError(index, field, error));
    }
}
