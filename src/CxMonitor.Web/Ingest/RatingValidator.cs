using System.Text.Json;
using CxMonitor.Core.Ratings;

namespace CxMonitor.Web.Ingest;

/// <summary>Checks one rating item and names every field that is wrong and why.</summary>
public sealed partial class RatingValidator(IngestOptions options, TimeSpan retention)
{
    private const int IdLength = 128, ChannelLength = 32, CustomerLength = 128, MaxReasons = 20;

    /// <param name="siteExists">Catalog lookup (hot path: in-memory).</param>
    /// <param name="defaultSource">The API key's source, used when the item names none.</param>
    public ValidRating? Validate(IngestItem item, DateTimeOffset now, Func<string, bool> siteExists, string defaultSource, List<ItemError> errors)
    {
        var before = errors.Count;
        var i = item.Index;
        if (item.ParseError is not null)
        {
            errors.Add(new ItemError(i, "(item)", item.ParseError));
            return null;
        }
        var json = item.Json;
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ItemError(i, "(item)", $"must be a JSON object, got {FieldRules.Kind(json)}"));
            return null;
        }
        var unknown = new List<string>(0);
        var f = default(RatingFields);
        Check(errors, i, "(item)", f.Read(json, unknown));
        foreach (var name in unknown)
            errors.Add(new ItemError(i, name, "is not a rating field (expected: " + string.Join(", ", RatingFields.Names) + ")"));

        Check(errors, i, "id", FieldRules.StringRule(f.Id, IdLength, out var id) ?? IdText(id));
        Check(errors, i, "time", FieldRules.TimeRule(f.Time, now, options.MaxClockSkew, retention, out var time));
        var scale = ReadScale(f.Scale, i, errors);
        var score = scale is { } s ? ReadScore(f.Score, s, i, errors) : null;
        Check(errors, i, "site", FieldRules.SiteRule(f.Site, siteExists, out var site));
        Check(errors, i, "channel", FieldRules.StringRule(f.Channel, ChannelLength, out var channel));
        if (channel is not null && !FieldRules.Channels.Contains(channel))
            errors.Add(new ItemError(i, "channel", $"must be one of {string.Join(", ", FieldRules.Channels)}; got '{FieldRules.Truncate(channel)}'"));
        Check(errors, i, "touchpoint", FieldRules.SlugRule(f.Touchpoint, out var touchpoint));
        Check(errors, i, "source", FieldRules.SlugRule(f.Source, out var source));
        Check(errors, i, "team", FieldRules.SlugRule(f.Team, out var team));
        Check(errors, i, "customer", FieldRules.StringRule(f.Customer, CustomerLength, out var customer));
        var reasons = ReadReasons(f.Reasons, i, errors);
        Check(errors, i, "comment", FieldRules.StringRule(f.Comment, options.MaxCommentLength, out var comment));
        Check(errors, i, "language", FieldRules.LanguageRule(f.Language, out var language));

        if (errors.Count > before)
            return null;
        return Rating(id, time, scale!.Value, score!.Value, site!, channel, touchpoint, source ?? defaultSource, team, customer, reasons, comment, language);
    }

    // Shared with the one-pass reader: the generated id, the empty customer and the trimmed comment
    // are decided here only.
    private static ValidRating Rating(
        string? id, DateTimeOffset time, RatingScale scale, int score, string site, string? channel, string? touchpoint, string source,
        string? team, string? customer, IReadOnlyList<string> reasons, string? comment, string? language) =>
        new(id ?? Guid.NewGuid().ToString("N"), time, scale, score, RatingScales.Classify(scale, score),
            site, channel, touchpoint, source, team, string.IsNullOrEmpty(customer) ? null : customer,
            reasons, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), language);

    // An empty id gets its own word: a client that sends "" most likely meant to leave it out.
    private static string? IdText(string? id) =>
        id is { Length: 0 } ? "must not be empty; leave it out to have one generated" : FieldRules.IdRule(id);

    private static void Check(List<ItemError> errors, int index, string field, string? error)
    {
        if (error is not null)
            errors.Add(new ItemError(index, field, error));
    }

    private static RatingScale? ReadScale(JsonElement e, int i, List<ItemError> errors)
    {
        if (e.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            errors.Add(new ItemError(i, "scale", "is required: one of " + ScaleList()));
            return null;
        }
        if (e.ValueKind == JsonValueKind.String && !FieldRules.TryText(e, out _))
        {
            errors.Add(new ItemError(i, "scale", FieldRules.NotUnicode));
            return null;
        }
        if (e.ValueKind == JsonValueKind.String && RatingScales.TryParse(e.GetString(), out var scale))
            return scale;
        errors.Add(new ItemError(i, "scale", $"must be one of {ScaleList()} (exactly, in lower case); got {(e.ValueKind == JsonValueKind.String ? $"'{FieldRules.Truncate(e.GetString()!)}'" : FieldRules.Kind(e))}"));
        return null;
    }

    private static int? ReadScore(JsonElement e, RatingScale scale, int i, List<ItemError> errors)
    {
        if (e.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            errors.Add(new ItemError(i, "score", "is required and " + ScoreRule(scale)));
            return null;
        }
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out var d) || !RatingScales.IsValidScore(scale, d))
        {
            errors.Add(new ItemError(i, "score", $"{ScoreRule(scale)}; got {(e.ValueKind == JsonValueKind.Number ? e.GetRawText() : FieldRules.Kind(e))}"));
            return null;
        }
        return (int)d;
    }

    // Written only when it is needed: a valid score (nearly every one) costs no string.
    private static string ScoreRule(RatingScale scale)
    {
        var (min, max) = RatingScales.Range(scale);
        return $"must be a whole number from {min} to {max} on scale {RatingScales.Code(scale)}";
    }

    private static IReadOnlyList<string> ReadReasons(JsonElement e, int i, List<ItemError> errors)
    {
        if (e.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            return [];
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() > MaxReasons)
        {
            errors.Add(new ItemError(i, "reasons", "must be an array of at most 20 reason codes"));
            return [];
        }
        var reasons = new List<string>();
        foreach (var r in e.EnumerateArray())
        {
            if (r.ValueKind == JsonValueKind.String && !FieldRules.TryText(r, out _))
            {
                errors.Add(new ItemError(i, "reasons", FieldRules.NotUnicode));
                return [];
            }
            if (r.ValueKind != JsonValueKind.String || !FieldRules.IsSlug(r.GetString()!))
            {
                errors.Add(new ItemError(i, "reasons", $"each reason must be a lower-case code such as 'wait-time'; got {(r.ValueKind == JsonValueKind.String ? $"'{FieldRules.Truncate(r.GetString()!)}'" : FieldRules.Kind(r))}"));
                return [];
            }
            reasons.Add(r.GetString()!);
        }
        return reasons;
    }

    private static string ScaleList() => string.Join(", ", RatingScales.All.Select(RatingScales.Code));
}
