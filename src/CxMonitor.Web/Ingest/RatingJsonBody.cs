using System.Text.Json;

namespace CxMonitor.Web.Ingest;

/// <summary>A JSON body of ratings (one object or an array) in one <see cref="Utf8JsonReader"/>
/// pass (issue 19): the common valid item becomes a <see cref="ValidRating"/> as it is read
/// (<see cref="RatingValidator.TryValidate"/>); any other item is kept as a <see cref="JsonElement"/>
/// of its own for <see cref="RatingValidator.Validate"/>, as <see cref="IngestBody"/> keeps every
/// item. NDJSON and reviews stay with <see cref="IngestBody"/>.</summary>
public static class RatingJsonBody
{
    /// <exception cref="JsonException">The body is not well-formed: the same reader, with the same
    /// options, meets the same first error at the same place as <c>JsonDocument.Parse</c> does.</exception>
    public static List<IngestItem> Read(
        ReadOnlySpan<byte> body, RatingValidator validator, DateTimeOffset now, Func<string, bool> siteExists, string defaultSource)
    {
        var reader = new Utf8JsonReader(body, IngestBody.ReaderOptions);
        List<IngestItem> items;
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            items = [];
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                items.Add(Item(ref reader, items.Count, validator, now, siteExists, defaultSource));
        }
        else
        {
            // One rating, a terminal's usual request: a list of one, not of the default four.
            items = new List<IngestItem>(1) { Item(ref reader, 0, validator, now, siteExists, defaultSource) };
        }
        // As JsonDocument.Parse does: anything but white space after the root value is an error.
        reader.Read();
        return items;
    }

    private static IngestItem Item(
        ref Utf8JsonReader reader, int index, RatingValidator validator, DateTimeOffset now, Func<string, bool> siteExists, string defaultSource)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            var start = reader;
            if (validator.TryValidate(ref reader, now, siteExists, defaultSource) is { } rating)
                return new IngestItem(index, default, null, rating);
            reader = start;
        }
        // Read again from the item's start (the reader is a struct over one span: a copy rewinds it).
        return new IngestItem(index, JsonElement.ParseValue(ref reader), null);
    }
}
