using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CxMonitor.Core.Ratings;

namespace CxMonitor.Web.Ingest;

/// <summary>The common, valid rating read straight from UTF-8 (issue 19): a <c>JsonDocument</c>, a
/// <c>JsonElement</c> per field and a string per value cost the app more CPU than the rules
/// themselves. It only ever accepts: on anything it is not sure of (a name it does not know or
/// sees twice, an escape, a null, a wrong type, a value any rule refuses, a time not in the plain
/// RFC 3339 shape) it gives up, and the item goes to <see cref="Validate"/>, which owns the
/// errors. The rules it applies are the ones <see cref="Validate"/> applies, called on the text.</summary>
public sealed partial class RatingValidator
{
    private static readonly byte[][] _fieldNames = RatingFields.Names.Select(Encoding.UTF8.GetBytes).ToArray();
    private static readonly byte[][] _scaleCodes = RatingScales.All.Select(s => Encoding.UTF8.GetBytes(RatingScales.Code(s))).ToArray();
    // The set's own strings: a rating keeps one of seven channels, not a copy per rating.
    private static readonly (byte[] Utf8, string Text)[] _channels = FieldRules.Channels.Select(c => (Encoding.UTF8.GetBytes(c), c)).ToArray();
    private readonly SlugTexts _slugs = new();

    /// <summary>Reads the item whose StartObject the reader is on, up to its EndObject, and returns
    /// it validated, or null when not sure; then the reader is somewhere inside the item and the
    /// caller reads the item again from its start.</summary>
    /// <exception cref="JsonException">The body is not well-formed here.</exception>
    internal ValidRating? TryValidate(ref Utf8JsonReader reader, DateTimeOffset now, Func<string, bool> siteExists, string defaultSource)
    {
        var seen = 0;
        string? id = null, site = null, channel = null, touchpoint = null, source = null, team = null, customer = null, comment = null, language = null;
        var time = now;
        var (scale, score) = (-1, 0);
        IReadOnlyList<string> reasons = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueIsEscaped ? -1 : FieldOf(reader.ValueSpan);
            if (field < 0 || (seen & (1 << field)) != 0 || !reader.Read())
                return null;
            seen |= 1 << field;
            // By index in RatingFields.Names (the differential test fails if the two part ways).
            var accepted = field switch
            {
                0 => Text(ref reader, IdLength, out id) && IdText(id) is null,
                1 => Time(ref reader, now, out time),
                2 => Code(ref reader, _scaleCodes, out scale),
                3 => reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out score),
                4 => Slug(ref reader, out site) && FieldRules.CatalogRule(site!, siteExists) is null,
                5 => Channel(ref reader, out channel),
                6 => Slug(ref reader, out touchpoint),
                7 => Slug(ref reader, out source),
                8 => Slug(ref reader, out team),
                9 => Text(ref reader, CustomerLength, out customer),
                10 => Reasons(ref reader, out reasons),
                11 => Text(ref reader, options.MaxCommentLength, out comment),
                _ => Text(ref reader, FieldRules.LanguageLength, out language) && FieldRules.LanguageText(language!) is null,
            };
            if (!accepted)
                return null;
        }
        // Scale, score and site are required; the score is checked once its scale is known,
        // which may come after it.
        const int required = 1 << 2 | 1 << 3 | 1 << 4;
        if (reader.TokenType != JsonTokenType.EndObject || (seen & required) != required || !RatingScales.IsValidScore((RatingScale)scale, score))
            return null;
        return Rating(id, time, (RatingScale)scale, score, site!, channel, touchpoint, source ?? defaultSource, team, customer, reasons, comment, language);
    }

    private static int FieldOf(ReadOnlySpan<byte> name)
    {
        for (var f = 0; f < _fieldNames.Length; f++)
        {
            if (name.SequenceEqual(_fieldNames[f]))
                return f;
        }
        return -1;
    }

    /// <summary>A plain string (no escapes, valid UTF-8: what <c>GetString</c> reads the same) that
    /// passes the length rule.</summary>
    private static bool Text(ref Utf8JsonReader reader, int maxLength, out string? value)
    {
        value = null;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || !Utf8.IsValid(reader.ValueSpan))
            return false;
        value = Encoding.UTF8.GetString(reader.ValueSpan);
        return FieldRules.LengthRule(value, maxLength) is null;
    }

    /// <summary>A plain string that passes the slug rule, as the string made when those bytes were
    /// last met: a batch repeats a few sites and touchpoints (<see cref="SlugTexts"/>).</summary>
    private bool Slug(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        return reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && _slugs.TryGet(reader.ValueSpan, out value);
    }

    private bool Time(ref Utf8JsonReader reader, DateTimeOffset now, out DateTimeOffset time)
    {
        time = default;
        // The plain shape is at most 35 characters (seven fraction digits and an offset).
        Span<char> text = stackalloc char[40];
        return reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length <= text.Length
            && Ascii.ToUtf16(reader.ValueSpan, text, out var length) == OperationStatus.Done
            && Rfc3339.TryParse(text[..length], out time)
            && FieldRules.TimeWindowRule(time, now, options.MaxClockSkew, retention) is null;
    }

    private static bool Code(ref Utf8JsonReader reader, byte[][] codes, out int index)
    {
        index = -1;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
            return false;
        for (var i = 0; i < codes.Length; i++)
        {
            if (reader.ValueSpan.SequenceEqual(codes[i]))
            {
                index = i;
                return true;
            }
        }
        return false;
    }

    private static bool Channel(ref Utf8JsonReader reader, out string? channel)
    {
        channel = null;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
            return false;
        foreach (var (utf8, text) in _channels)
        {
            if (reader.ValueSpan.SequenceEqual(utf8))
            {
                channel = text;
                return true;
            }
        }
        return false;
    }

    private bool Reasons(ref Utf8JsonReader reader, out IReadOnlyList<string> reasons)
    {
        reasons = [];
        if (reader.TokenType != JsonTokenType.StartArray)
            return false;
        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (list.Count == MaxReasons || !Slug(ref reader, out var reason))
                return false;
            list.Add(reason!);
        }
        reasons = list;
        return reader.TokenType == JsonTokenType.EndArray;
    }
}
