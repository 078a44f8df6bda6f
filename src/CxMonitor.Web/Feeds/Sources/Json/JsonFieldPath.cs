using System.Globalization;
using System.Text.Json;

namespace CxMonitor.Web.Feeds.Sources.Json;

/// <summary>A path into a JSON document as a mapping writes it: <c>reviewer.displayName</c>,
/// <c>entry[0]</c>, <c>link[attributes.rel=next].attributes.href</c> (the first array element
/// whose property equals the value), and names with ':' either bare (<c>im:rating.label</c>) or
/// quoted (<c>["im:rating"].label</c>).</summary>
internal sealed class JsonFieldPath
{
    abstract record Step;
    sealed record Property(string Name) : Step;
    sealed record Index(int Position) : Step;
    sealed record Match(JsonFieldPath Key, string Value) : Step;

    readonly Step[] _steps;

    public string Text { get; }

    JsonFieldPath(string text, Step[] steps) => (Text, _steps) = (text, steps);

    public static JsonFieldPath Parse(string text)
    {
        var steps = new List<Step>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '.' && steps.Count > 0) i++;
            if (i < text.Length && text[i] == '[')
            {
                var close = ClosingBracket(text, i);
                var inside = text[(i + 1)..close].Trim();
                if (inside.Length >= 2 && inside[0] is '"' or '\'' && inside[^1] == inside[0])
                    steps.Add(new Property(inside[1..^1]));
                else if (int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                    steps.Add(new Index(n));
                else if (inside.IndexOf('=') is var eq and > 0)
                    steps.Add(new Match(Parse(inside[..eq].Trim()), inside[(eq + 1)..].Trim().Trim('"', '\'')));
                else
                    throw new ArgumentException($"Mapping path '{text}': '[{inside}]' is neither an index, a [\"quoted name\"] nor a [key=value] match.");
                i = close + 1;
                continue;
            }
            var end = text.IndexOfAny(['.', '['], i);
            if (end < 0) end = text.Length;
            if (end == i) throw new ArgumentException($"Mapping path '{text}' has an empty name at position {i}.");
            steps.Add(new Property(text[i..end]));
            i = end;
        }
        if (steps.Count == 0) throw new ArgumentException("A mapping path cannot be empty.");
        return new JsonFieldPath(text, [.. steps]);
    }

    static int ClosingBracket(string text, int open)
    {
        var quote = '\0';
        for (var i = open + 1; i < text.Length; i++)
        {
            if (quote != '\0') { if (text[i] == quote) quote = '\0'; }
            else if (text[i] is '"' or '\'') quote = text[i];
            else if (text[i] == ']') return i;
        }
        throw new ArgumentException($"Mapping path '{text}' has a '[' without its ']'.");
    }

    /// <summary>The element the path leads to, or false when any step is missing; an explicit
    /// JSON null counts as missing, as every source we read uses the two interchangeably.</summary>
    public bool TryFind(JsonElement start, out JsonElement found)
    {
        found = start;
        foreach (var step in _steps)
        {
            switch (step)
            {
                case Property p when found.ValueKind == JsonValueKind.Object && found.TryGetProperty(p.Name, out var next):
                    found = next;
                    break;
                case Index x when found.ValueKind == JsonValueKind.Array && x.Position < found.GetArrayLength():
                    found = found[x.Position];
                    break;
                case Match m when found.ValueKind == JsonValueKind.Array && FirstMatching(found, m) is { } element:
                    found = element;
                    break;
                default:
                    return false;
            }
        }
        return found.ValueKind != JsonValueKind.Null && found.ValueKind != JsonValueKind.Undefined;
    }

    static JsonElement? FirstMatching(JsonElement array, Match match)
    {
        foreach (var element in array.EnumerateArray())
            if (match.Key.TryFind(element, out var key) && ScalarText(key) == match.Value) return element;
        return null;
    }

    public static string? ScalarText(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public override string ToString() => Text;
}
