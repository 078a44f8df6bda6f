using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CxMonitor.Web.Ingest;

/// <summary>Shared field checks for ratings and reviews; each returns the error text or null.</summary>
public static partial class FieldRules
{
    public static readonly IReadOnlySet<string> Channels =
        new HashSet<string>(["in-store", "web", "app", "phone", "chat", "email", "social"], StringComparer.Ordinal);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,63}$")]
    public static partial Regex Slug();

    [GeneratedRegex(@"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    public static partial Regex Language();

    public static string? OptionalString(JsonElement item, string field, int maxLength, out string? value) =>
        StringRule(Field(item, field), maxLength, out value);

    /// <summary>A field's value by name; <c>default</c> (Undefined) when the item has none.</summary>
    public static JsonElement Field(JsonElement item, string field) => item.TryGetProperty(field, out var e) ? e : default;

    /// <summary>The rules below take the field's value itself (<c>default</c> when absent), so that
    /// a validator can find all its fields in one pass over the item.</summary>
    public static string? StringRule(JsonElement e, int maxLength, out string? value)
    {
        value = null;
        if (e.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            return null;
        if (e.ValueKind != JsonValueKind.String)
            return $"must be a string, got {Kind(e)}";
        if (!TryText(e, out value) || value is null)
            return NotUnicode;
        return LengthRule(value, maxLength);
    }

    // The rules below on text are the parts of the rules on a JsonElement that look at the text
    // itself; the one-pass reader (RatingJsonBody) applies them to the text it read, so each rule
    // has one owner.
    public static string? LengthRule(string value, int maxLength) =>
        value.Length > maxLength ? $"must be at most {maxLength} characters, got {value.Length}" : null;

    public const string NotUnicode = "must be valid Unicode text: it holds an invalid UTF-8 byte or a lone surrogate escape such as \\ud800";

    /// <summary>A JSON string as text, or false when it cannot be text (invalid UTF-8, a lone
    /// surrogate escape): System.Text.Json throws on reading such a string, which would fail the
    /// whole request instead of naming the one field.</summary>
    public static bool TryText(JsonElement e, out string? value)
    {
        try
        {
            value = e.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>An idempotency key or external id: printable text with something in it.</summary>
    public static string? IdRule(string? id)
    {
        if (string.IsNullOrEmpty(id))
            return null;
        if (string.IsNullOrWhiteSpace(id))
            return "must not be only white space";
        foreach (var c in id)
        {
            if (char.IsControl(c))
                return $"must not hold control characters (found U+{(int)c:X4})";
        }
        return null;
    }

    /// <summary>The names of an item's fields, or an error when a name cannot be text.</summary>
    public static string? FieldNames(JsonElement item, List<string> names)
    {
        foreach (var p in item.EnumerateObject())
        {
            try
            {
                names.Add(p.Name);
            }
            catch (InvalidOperationException)
            {
                return "a field name " + NotUnicode[5..];
            }
        }
        return null;
    }

    /// <summary>The names of an item's fields that are not among <paramref name="known"/>, or an
    /// error when a name cannot be text. Known names are compared as UTF-8, so a valid item costs
    /// no string per field (this runs for every field of every rating).</summary>
    public static string? UnknownFields(JsonElement item, IReadOnlyList<byte[]> known, List<string> unknown)
    {
        foreach (var p in item.EnumerateObject())
        {
            try
            {
                if (!IsKnown(p, known))
                    unknown.Add(p.Name);
            }
            catch (InvalidOperationException)
            {
                return "a field name " + NotUnicode[5..];
            }
        }
        return null;
    }

    private static bool IsKnown(JsonProperty p, IReadOnlyList<byte[]> known)
    {
        foreach (var name in known)
        {
            if (p.NameEquals(name))
                return true;
        }
        return false;
    }

    /// <summary>The same rule as <see cref="Slug"/>, without a regex: it runs for several fields
    /// of every rating.</summary>
    public static bool IsSlug(string value)
    {
        if (value.Length is 0 or > 64 || !(char.IsAsciiLetterLower(value[0]) || char.IsAsciiDigit(value[0])))
            return false;
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-'))
                return false;
        }
        return true;
    }

    public static string? OptionalSlug(JsonElement item, string field, out string? value) => SlugRule(Field(item, field), out value);

    public static string? SlugRule(JsonElement e, out string? value)
    {
        var error = StringRule(e, SlugLength, out value);
        return error is null && value is not null ? SlugText(value) : error;
    }

    public const int SlugLength = 64;

    /// <summary>The slug rule on text that has passed the length rule of 64.</summary>
    public static string? SlugText(string value) => IsSlug(value) ? null :
        $"must be a lower-case code of letters, digits, '.', '_' or '-' (at most 64), got '{Truncate(value)}'";

    /// <summary>The site every rating and review names: a slug that is in the catalog.</summary>
    public static string? RequiredSite(JsonElement item, Func<string, bool> siteExists, out string? site) =>
        SiteRule(Field(item, "site"), siteExists, out site);

    public static string? SiteRule(JsonElement e, Func<string, bool> siteExists, out string? site)
    {
        var error = SlugRule(e, out site);
        if (error is null && site is null)
            return "is required";
        return error ?? CatalogRule(site!, siteExists);
    }

    public static string? CatalogRule(string site, Func<string, bool> siteExists) =>
        siteExists(site) ? null : $"'{site}' is not in the site catalog";

    public static string? OptionalLanguage(JsonElement item, out string? value) => LanguageRule(Field(item, "language"), out value);

    public static string? LanguageRule(JsonElement e, out string? value)
    {
        var error = StringRule(e, LanguageLength, out value);
        return error is null && value is not null ? LanguageText(value) : error;
    }

    public const int LanguageLength = 35;

    public static string? LanguageText(string value) => Language().IsMatch(value) ? null :
        $"must be a language tag such as 'en', 'ru', 'uk' or 'pt-BR', got '{Truncate(value)}'";

    /// <summary>RFC 3339 with an offset; null means "now".</summary>
    public static string? OptionalTime(JsonElement item, DateTimeOffset now, TimeSpan maxSkew, TimeSpan retention, out DateTimeOffset time) =>
        TimeRule(Field(item, "time"), now, maxSkew, retention, out time);

    public static string? TimeRule(JsonElement e, DateTimeOffset now, TimeSpan maxSkew, TimeSpan retention, out DateTimeOffset time)
    {
        time = now;
        if (e.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            return null;
        if (e.ValueKind != JsonValueKind.String)
            return $"must be an RFC 3339 date-time string, got {Kind(e)}";
        if (!TryText(e, out var text) || text is null)
            return NotUnicode;
        if (!Rfc3339.TryParse(text, out time)
            && (!DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time)
                || !(text.EndsWith('Z') || text.EndsWith('z') || text.Length > 6 && text[^6] is '+' or '-')))
            return $"must be an RFC 3339 date-time with an offset such as 2026-11-22T10:15:00Z, got '{Truncate(text)}'";
        return TimeWindowRule(time, now, maxSkew, retention);
    }

    /// <summary>The part of the time rule that a parsed time must pass: not too far ahead, not
    /// older than InfluxDB keeps.</summary>
    public static string? TimeWindowRule(DateTimeOffset time, DateTimeOffset now, TimeSpan maxSkew, TimeSpan retention)
    {
        if (time > now + maxSkew)
            return $"is {(time - now).TotalMinutes:0} minutes in the future; at most {maxSkew.TotalMinutes:0} minutes ahead is accepted";
        if (time < now - retention)
            return $"is older than the retention of {retention.TotalDays:0} days";
        return null;
    }

    public static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    public static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
