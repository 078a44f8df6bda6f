using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxMonitor.Web.Sites;

/// <summary>Opening hours travel as the same weekday object people write in configuration.</summary>
public sealed class OpeningHoursJsonConverter : JsonConverter<OpeningHours>
{
    public override OpeningHours Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var week = JsonSerializer.Deserialize<Dictionary<string, string?>>(ref reader, options)
            ?? throw new JsonException("Opening hours must be an object of weekdays, e.g. {\"Mon\": \"09:00-21:00\"}.");
        return OpeningHours.TryParse(week, out var hours, out var errors)
            ? hours
            : throw new JsonException(string.Join(" ", errors));
    }

    public override void Write(Utf8JsonWriter writer, OpeningHours value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (day, text) in value.ToDictionary())
            writer.WriteString(day, text);
        writer.WriteEndObject();
    }
}
