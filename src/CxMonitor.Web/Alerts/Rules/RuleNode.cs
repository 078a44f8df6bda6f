using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace CxMonitor.Web.Alerts.Rules;

/// <summary>Reads one rule's mapping strictly: every key is looked up through here, so a key
/// nobody asked for is an unknown key, and every value is checked for its type.</summary>
internal sealed class RuleNode(YamlMappingNode node, string file, string? rule, List<RuleFileError> errors)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public string? Rule { get; set; } = rule;

    public int Line => (int)node.Start.Line;

    public void Error(YamlNode? at, string message) => errors.Add(new RuleFileError(file, (int)(at ?? node).Start.Line, Rule, message));

    public YamlNode? Raw(string key)
    {
        _read.Add(key);
        return node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    public string? String(string key, bool required = false)
    {
        var value = Raw(key);
        if (value is null)
        {
            if (required)
                Error(null, $"'{key}' is required");
            return null;
        }
        if (value is YamlScalarNode { Value: { } text })
            return text;
        Error(value, $"'{key}' must be a text, not a {Kind(value)}");
        return null;
    }

    public double? Number(string key)
    {
        var text = String(key);
        if (text is null)
            return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            return n;
        Error(Raw(key), $"'{key}' must be a number, got '{text}'");
        return null;
    }

    public int? Whole(string key, int min)
    {
        var n = Number(key);
        if (n is null)
            return null;
        if (n != Math.Floor(n.Value) || n < min)
        {
            Error(Raw(key), $"'{key}' must be a whole number of at least {min}, got {n.Value.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return (int)n.Value;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        if (text is null)
            return null;
        if (text is "true" or "false")
            return text == "true";
        Error(Raw(key), $"'{key}' must be true or false, got '{text}'");
        return null;
    }

    /// <summary>A duration such as 90s, 15m, 4h or 1d.</summary>
    public TimeSpan? Duration(string key)
    {
        var text = String(key);
        if (text is null)
            return null;
        if (text.Length >= 2 && long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            TimeSpan? span = text[^1] switch { 's' => TimeSpan.FromSeconds(n), 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), 'd' => TimeSpan.FromDays(n), _ => null };
            if (span is not null)
                return span;
        }
        Error(Raw(key), $"'{key}' must be a duration such as 90s, 15m, 4h or 1d, got '{text}'");
        return null;
    }

    public string? OneOf(string key, IReadOnlyCollection<string> allowed, bool required = false)
    {
        var text = String(key, required);
        if (text is null || allowed.Contains(text))
            return text;
        Error(Raw(key), $"unknown {key.Replace('_', ' ')} '{text}' (use {string.Join(", ", allowed)})");
        return null;
    }

    public IReadOnlyList<string> List(string key)
    {
        var value = Raw(key);
        if (value is null)
            return [];
        if (value is YamlSequenceNode seq && seq.Children.All(c => c is YamlScalarNode))
            return seq.Children.Cast<YamlScalarNode>().Select(c => c.Value ?? "").ToArray();
        Error(value, $"'{key}' must be a list of texts, e.g. [a, b]");
        return [];
    }

    public RuleNode? Map(string key)
    {
        var value = Raw(key);
        if (value is null)
            return null;
        if (value is YamlMappingNode map)
            return new RuleNode(map, file, Rule, errors);
        Error(value, $"'{key}' must be a mapping of keys to values");
        return null;
    }

    public IReadOnlyDictionary<string, string> Texts(string key)
    {
        var value = Raw(key);
        if (value is null)
            return new Dictionary<string, string>();
        if (value is YamlMappingNode map && map.Children.All(c => c.Key is YamlScalarNode && c.Value is YamlScalarNode))
            return map.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value ?? "", c => ((YamlScalarNode)c.Value).Value ?? "");
        Error(value, $"'{key}' must map names to texts, e.g. {{team: stores}}");
        return new Dictionary<string, string>();
    }

    /// <summary>A text in several languages: a plain text (the English one) or a mapping of
    /// language codes to texts, e.g. <c>{en: …, ru: …, uk: …}</c>.</summary>
    public IReadOnlyDictionary<string, string> Languages(string key, IReadOnlyCollection<string> languages)
    {
        var value = Raw(key);
        switch (value)
        {
            case null:
                return new Dictionary<string, string>();
            case YamlScalarNode { Value: { } text }:
                return new Dictionary<string, string> { ["en"] = text };
            case YamlMappingNode map when map.Children.All(c => c.Key is YamlScalarNode && c.Value is YamlScalarNode):
                var texts = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (k, v) in map.Children)
                {
                    var code = ((YamlScalarNode)k).Value ?? "";
                    if (!languages.Contains(code))
                        Error(k, $"'{key}' has a text in unknown language '{code}' (use {string.Join(", ", languages)})");
                    else
                        texts[code] = ((YamlScalarNode)v).Value ?? "";
                }
                return texts;
            default:
                Error(value, $"'{key}' must be a text, or texts by language such as {{en: …, ru: …, uk: …}}");
                return new Dictionary<string, string>();
        }
    }

    /// <summary>Reports every key that no reader asked for.</summary>
    public void RejectUnknownKeys(string what)
    {
        foreach (var (key, _) in node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (!_read.Contains(name))
                Error(key, $"unknown key '{name}' for {what} (known: {string.Join(", ", _read.Order(StringComparer.Ordinal))})");
        }
    }

    private static string Kind(YamlNode node) => node switch { YamlSequenceNode => "list", YamlMappingNode => "mapping", _ => "value" };
}
