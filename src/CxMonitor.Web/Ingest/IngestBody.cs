using System.Text.Json;

namespace CxMonitor.Web.Ingest;

/// <summary>One item of a request: its index and either its JSON or why it could not be read, or
/// (<see cref="RatingJsonBody"/>) the rating it was validated as while it was read.</summary>
public readonly record struct IngestItem(int Index, JsonElement Json, string? ParseError, ValidRating? Rating = null);

/// <summary>One error of one item, as returned in <c>rejected</c>.</summary>
public sealed record ItemError(int Index, string Field, string Error);

/// <summary>Reads a body as one JSON object, a JSON array, or NDJSON (one object per line).
/// In NDJSON a broken line rejects that line only; in JSON a syntax error rejects the body.</summary>
public static class IngestBody
{
    /// <summary>The media types a body may be sent as; anything else (or none) is answered 415.</summary>
    public static readonly IReadOnlyList<string> MediaTypes =
        ["application/json", "application/x-ndjson", "application/ndjson", "application/jsonl", "application/json-seq"];

    /// <summary>JSON or one of the NDJSON types, by media type alone (parameters such as
    /// charset are allowed; the body is read as UTF-8 whatever they say).</summary>
    public static bool IsAccepted(string? contentType)
    {
        if (contentType is null)
            return false;
        // On the span: every ingest request asks, and a split made an array and strings (issue 19).
        var mediaType = contentType.AsSpan();
        if (mediaType.IndexOf(';') is var end and >= 0)
            mediaType = mediaType[..end];
        mediaType = mediaType.Trim();
        for (var i = 0; i < MediaTypes.Count; i++)
        {
            if (mediaType.Equals(MediaTypes[i], StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    public static bool IsNdjson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/x-ndjson", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/ndjson", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/jsonl", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/json-seq", StringComparison.OrdinalIgnoreCase));

    /// <summary>How deep a JSON body may nest; <see cref="RatingJsonBody"/> reads with the same options.</summary>
    internal static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    /// <exception cref="JsonException">The JSON body is not well-formed.</exception>
    public static (JsonDocument? Document, List<IngestItem> Items) Read(ReadOnlyMemory<byte> body, bool ndjson)
    {
        return ndjson ? (null, ReadLines(body.Span)) : ReadJson(body);
    }

    private static (JsonDocument, List<IngestItem>) ReadJson(ReadOnlyMemory<byte> body)
    {
        var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = ReaderOptions.MaxDepth });
        var items = new List<IngestItem>();
        if (doc.RootElement.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var e in doc.RootElement.EnumerateArray())
                items.Add(new IngestItem(i++, e, null));
        }
        else
        {
            items.Add(new IngestItem(0, doc.RootElement, null));
        }
        return (doc, items);
    }

    private static List<IngestItem> ReadLines(ReadOnlySpan<byte> body)
    {
        var items = new List<IngestItem>();
        var index = 0;
        var lineNumber = 0;
        while (!body.IsEmpty)
        {
            var nl = body.IndexOf((byte)'\n');
            var line = nl < 0 ? body : body[..nl];
            body = nl < 0 ? default : body[(nl + 1)..];
            lineNumber++;
            if (line.Trim(" \t\r"u8).IsEmpty)
                continue;
            try
            {
                // Each line is parsed into its own small document and cloned, so one broken line
                // costs only itself.
                using var doc = JsonDocument.Parse(line.ToArray());
                items.Add(new IngestItem(index, doc.RootElement.Clone(), null));
            }
            catch (JsonException ex)
            {
                items.Add(new IngestItem(index, default, $"line {lineNumber} is not valid JSON: {ex.Message}"));
            }
            index++;
        }
        return items;
    }
}
