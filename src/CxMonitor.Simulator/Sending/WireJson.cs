using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CxMonitor.Simulator.Generation;

namespace CxMonitor.Simulator.Sending;

/// <summary>The 202 answer of an ingest endpoint.</summary>
internal sealed record IngestResponse(int Accepted, int Duplicates, List<Rejection>? Rejected);

internal sealed record Rejection(int Index, string? Field, string? Error);

/// <summary>The RFC 9457 fields worth printing.</summary>
internal sealed record ProblemDetails(string? Title, string? Detail, int? Status);

/// <summary>Source-generated so that serialising a 5,000-item batch costs no reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(List<Rating>))]
[JsonSerializable(typeof(List<Review>))]
[JsonSerializable(typeof(IngestResponse))]
[JsonSerializable(typeof(ProblemDetails))]
internal sealed partial class WireJson : JsonSerializerContext;

/// <summary>RFC 3339 in UTC with a Z and milliseconds, rather than the default "+00:00" and seven digits.</summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[24];
        value.UtcDateTime.TryFormat(buffer, out var written, Format, CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }
}
