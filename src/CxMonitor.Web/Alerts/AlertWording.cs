using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CxMonitor.Core.Alerts;
using CxMonitor.Web.Sites;

namespace CxMonitor.Web.Alerts;

/// <summary>An alert's summary and description in one language.</summary>
public sealed record AlertText(string Summary, string Description);

/// <summary>What an alert's texts are made from: the rule and its kind, the scope, the figures
/// and words of the moment (values), and the rule author's templates by language.
/// <paramref name="Stored"/> is the summary kept from before alerts carried their kind.</summary>
public sealed record AlertFacts(
    string Rule, string? Kind, string Scope, IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string> Summaries, IReadOnlyDictionary<string, string> Descriptions, string? Stored = null);

/// <summary>Words alerts in each reader's language, with site and touchpoint names instead of
/// ids. The wording is <c>wwwroot/js/lang/alerts.json</c>, which the browser's catalogues import
/// too: one owner for the screens, the e-mails and the webhooks. A reader's language takes, in
/// order: the rule author's summary in that language, the built-in wording of the rule's kind in
/// that language, the author's English summary. Descriptions: the reader's, else English.</summary>
public sealed partial class AlertWording
{
    public static readonly string[] Languages = ["en", "ru", "uk"];
    private static readonly Dictionary<string, CultureInfo> Cultures = new()
    {
        ["en"] = CultureInfo.GetCultureInfo("en-GB"), ["ru"] = CultureInfo.GetCultureInfo("ru-RU"), ["uk"] = CultureInfo.GetCultureInfo("uk-UA"),
    };

    private readonly IReadOnlyDictionary<string, Dictionary<string, string>> _words;
    private readonly SiteCatalog? _sites;

    public AlertWording(IWebHostEnvironment env, SiteCatalog sites)
        : this(Read(Path.Combine(env.WebRootPath, "js", "lang", "alerts.json")), sites)
    {
    }

    internal AlertWording(IReadOnlyDictionary<string, Dictionary<string, string>> words, SiteCatalog? sites)
    {
        _words = words;
        _sites = sites;
    }

    public static IReadOnlyDictionary<string, Dictionary<string, string>> Read(string path) =>
        File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(File.ReadAllText(path))!
            : throw new FileNotFoundException($"The alert wording {path} is missing: the app was not deployed with its wwwroot folder.", path);

    /// <summary>The language itself when we speak it, else English.</summary>
    public static string Known(string? language) => language is not null && Languages.Contains(language) ? language : "en";

    public static string KindCode(RuleKind kind) => kind == RuleKind.ReviewSpike ? "review_spike" : kind.ToString().ToLowerInvariant();

    public IReadOnlyDictionary<string, AlertText> All(AlertFacts facts) => Languages.ToDictionary(l => l, l => Render(facts, l));

    public AlertText Render(AlertFacts facts, string language)
    {
        var lang = Known(language);
        var names = Names(facts, lang);
        var summary = facts.Summaries.TryGetValue(lang, out var own) ? AlertTemplate.Render(own, facts.Rule, names["scope"], names)
            : Builtin(facts, lang) is { } key ? Fill(Word(lang, key), names)
            : facts.Summaries.TryGetValue("en", out var english) ? AlertTemplate.Render(english, facts.Rule, names["scope"], names)
            : facts.Stored ?? $"{facts.Rule} · {names["scope"]}";
        var description = facts.Descriptions.TryGetValue(lang, out var d) || facts.Descriptions.TryGetValue("en", out d)
            ? AlertTemplate.Render(d, facts.Rule, names["scope"], names) : "";
        return new AlertText(summary, description);
    }

    /// <summary>One catalogue entry with its {holes} filled; English when the language lacks it.</summary>
    public string Word(string language, string key, IReadOnlyDictionary<string, string>? holes = null)
    {
        var text = _words.GetValueOrDefault(Known(language))?.GetValueOrDefault(key) ?? _words.GetValueOrDefault("en")?.GetValueOrDefault(key) ?? key;
        return holes is null ? text : Fill(text, holes);
    }

    /// <summary>"North Store · checkout" for a scope; the id only when nothing better is known.</summary>
    public string ScopeName(string scope, string language)
    {
        var (kind, value) = scope.IndexOf(':') is var colon and >= 0 ? (scope[..colon], scope[(colon + 1)..]) : (scope, "");
        return kind switch
        {
            "all" => Word(language, "alert.scope.all"),
            "site" => SiteName(value),
            "site-touchpoint" => $"{SiteName(value.Split('/')[0])} · {Optional(language, "touchpoint.", string.Join('/', value.Split('/').Skip(1)))}",
            "touchpoint" => Optional(language, "touchpoint.", value),
            "channel" => Optional(language, "channel.", value),
            _ => scope,
        };
    }

    private string SiteName(string id) => _sites is not null && _sites.TryGet(id, out var site) && site.Name.Length > 0 ? site.Name : id;

    private string Optional(string language, string prefix, string id) =>
        _words.GetValueOrDefault(Known(language))?.GetValueOrDefault(prefix + id) ?? id;

    private static string? Builtin(AlertFacts f, string lang) => f.Kind switch
    {
        null => null,
        "threshold" when f.Values.TryGetValue("metric", out var metric) && metric == "csat" => "alert.threshold.csat",
        "burst" => f.Values.ContainsKey("share") ? "alert.burst" : "alert.burst.simple",
        var kind => "alert." + kind,
    };

    /// <summary>Every name a template may use, as this language writes it.</summary>
    private Dictionary<string, string> Names(AlertFacts f, string lang)
    {
        var culture = Cultures[lang];
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in f.Values)
            names[key] = key is "text" or "customer" or "keyword" or "match" or "reasons" ? value : Figure(value, lang, culture);
        var site = CxMonitor.Web.Alerts.Store.AlertRecord.SiteOf(f.Scope) ?? f.Values.GetValueOrDefault("site");
        names["rule"] = f.Rule;
        names["scope"] = ScopeName(f.Scope, lang);
        names["site"] = site is null ? names["scope"] : SiteName(site);
        var touchpoint = f.Scope.StartsWith("site-touchpoint:", StringComparison.Ordinal) ? string.Join('/', f.Scope.Split('/').Skip(1))
            : f.Scope.StartsWith("touchpoint:", StringComparison.Ordinal) ? f.Scope[11..] : null;
        if (touchpoint is not null)
            names["touchpoint"] = Optional(lang, "touchpoint.", touchpoint);
        if (f.Values.TryGetValue("metric", out var metric))
            names["metric"] = Word(lang, "alert.metric." + metric);
        if (f.Values.TryGetValue("window", out var window))
            names["window"] = Word(lang, "alert.window." + window);
        if (f.Values.TryGetValue("reasons", out var reasons))
        {
            var holes = new Dictionary<string, string> { ["keyword"] = f.Values.GetValueOrDefault("keyword") ?? "", ["value"] = names.GetValueOrDefault("value") ?? "" };
            names["reasons"] = names["match"] = string.Join(", ", reasons.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(code => Word(lang, "alert.reason." + code, holes)));
        }
        else if (f.Values.TryGetValue("match", out var match))
        {
            names["reasons"] = match;
        }
        return names;
    }

    /// <summary>Figures were kept in invariant form ("47.5", "15 min"): each language writes its own.</summary>
    private string Figure(string value, string lang, CultureInfo culture)
    {
        if (value == "n/a")
            return "–";
        if (MinutesPattern().Match(value) is { Success: true } m)
            return Word(lang, "alert.minutes", new Dictionary<string, string> { ["n"] = m.Groups[1].Value });
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !value.Contains('e', StringComparison.OrdinalIgnoreCase)
            ? d.ToString(Math.Abs(d) < 0.01 && d != 0 ? "0.######" : "0.#", culture) : value;
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> names) =>
        HolePattern().Replace(template, m => names.TryGetValue(m.Groups[1].Value, out var v) ? v : "–");

    [GeneratedRegex(@"^(\d+) min$")]
    private static partial Regex MinutesPattern();

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex HolePattern();
}
