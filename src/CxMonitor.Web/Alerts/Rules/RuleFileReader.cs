using System.Text.RegularExpressions;
using CxMonitor.Core.Alerts;
using CxMonitor.Core.Metrics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CxMonitor.Web.Alerts.Rules;

/// <summary>Parses rule files strictly: a wrong key, type, metric, window or scope is an error
/// naming the file, the line and the rule; a file with any error contributes no rule.</summary>
public static partial class RuleFileReader
{
    private static readonly string[] Kinds = ["threshold", "drop", "burst", "event", "silence", "review_spike"];
    private static readonly string[] Severities = ["info", "warning", "critical"];
    private static readonly string[] Groups = ["all", "site", "channel", "touchpoint", "site-touchpoint"];
    private static readonly string[] Windows = ["15m", "1h", "today", "24h", "7d", "30d"];
    private static readonly string[] Sources = ["any", "rating", "review"];

    public static (List<CriticalMomentRule> Rules, List<RuleFileError> Errors) Read(string file, string text) => Read(file, text, []);

    /// <summary>Also tells the line each rule starts on.</summary>
    public static (List<CriticalMomentRule> Rules, List<RuleFileError> Errors) Read(string file, string text, Dictionary<string, int> lines)
    {
        var rules = new List<CriticalMomentRule>();
        var errors = new List<RuleFileError>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var message = ex.Message.Contains("): ", StringComparison.Ordinal) ? ex.Message[(ex.Message.LastIndexOf("): ", StringComparison.Ordinal) + 3)..] : ex.Message;
            errors.Add(new RuleFileError(file, (int)ex.Start.Line, null, "not valid YAML: " + message));
            return (rules, errors);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            errors.Add(new RuleFileError(file, 1, null, "expected a mapping with a 'rules' list"));
            return (rules, errors);
        }
        var top = new RuleNode(root, file, null, errors);
        if (top.Raw("rules") is not YamlSequenceNode list)
        {
            top.Error(null, "expected 'rules:' with a list of rules");
            return (rules, errors);
        }
        top.RejectUnknownKeys("a rule file");
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode map)
            {
                errors.Add(new RuleFileError(file, (int)item.Start.Line, null, "each rule must be a mapping of keys to values"));
                continue;
            }
            if (ReadRule(new RuleNode(map, file, null, errors)) is { } rule)
            {
                rules.Add(rule);
                lines.TryAdd(rule.Name, (int)map.Start.Line);
            }
        }
        return errors.Count == 0 ? (rules, errors) : ([], errors);
    }

    private static CriticalMomentRule? ReadRule(RuleNode n)
    {
        var name = n.String("name", required: true);
        n.Rule = name;
        if (name is not null && !NamePattern().IsMatch(name))
            n.Error(n.Raw("name"), "'name' must be 1-64 lower-case letters, digits and '-', starting with a letter");
        var kindText = n.OneOf("kind", Kinds, required: true);
        var rule = new CriticalMomentRule
        {
            Name = name ?? "?",
            Kind = kindText switch
            {
                "drop" => RuleKind.Drop, "burst" => RuleKind.Burst, "event" => RuleKind.Event, "silence" => RuleKind.Silence,
                "review_spike" => RuleKind.ReviewSpike, _ => RuleKind.Threshold,
            },
            Severity = n.OneOf("severity", Severities) switch { "info" => AlertSeverity.Info, "critical" => AlertSeverity.Critical, _ => AlertSeverity.Warning },
            GroupBy = n.OneOf("group_by", Groups) ?? "site",
            Sites = n.List("sites"),
            Labels = n.Texts("labels"),
            Summaries = n.Languages("summary", AlertWording.Languages),
            Descriptions = n.Languages("description", AlertWording.Languages),
            Route = n.String("route") ?? "default",
            Repeat = n.Duration("repeat") ?? TimeSpan.FromHours(4),
            Escalate = ReadEscalation(n.Map("escalate")),
        };
        rule = kindText switch
        {
            "threshold" => rule with { For = n.Duration("for") ?? TimeSpan.Zero, Threshold = ReadThreshold(n) },
            "drop" => rule with { For = n.Duration("for") ?? TimeSpan.Zero, Drop = ReadDrop(n) },
            "burst" => rule with { Count = ReadBurst(n) },
            "review_spike" => rule with { Count = ReadCount(n) },
            "event" => rule with { Event = ReadEvent(n) },
            "silence" => rule with { SilentFor = n.Duration("silent_for") ?? Required(n, "silent_for", TimeSpan.Zero), RatingSource = n.String("rating_source") },
            _ => rule,
        };
        if (kindText is "silence" or "review_spike" && rule.GroupBy != "site")
            n.Error(n.Raw("group_by"), $"a {kindText} rule is grouped by site");
        n.RejectUnknownKeys(kindText is null ? "a rule" : $"a {kindText} rule");
        return rule;
    }

    private static ThresholdCondition? ReadThreshold(RuleNode n)
    {
        var metric = n.OneOf("metric", RuleConditions.Metrics, required: true);
        var window = n.OneOf("window", Windows, required: true);
        var below = n.Number("below");
        var above = n.Number("above");
        var resolveAbove = n.Number("resolve_above");
        var resolveBelow = n.Number("resolve_below");
        var minSamples = n.Whole("min_samples", 1) ?? 10;
        if ((below is null) == (above is null))
        {
            n.Error(null, "a threshold needs exactly one of 'below' or 'above'");
            return null;
        }
        if (below is { } b)
        {
            var resolve = resolveAbove ?? b;
            if (resolve < b)
                n.Error(n.Raw("resolve_above"), $"'resolve_above' ({resolve}) must not be below 'below' ({b})");
            if (resolveBelow is not null)
                n.Error(n.Raw("resolve_below"), "'resolve_below' goes with 'above'; with 'below' use 'resolve_above'");
            return metric is null || window is null ? null : new ThresholdCondition(metric, window, b, null, resolve, minSamples);
        }
        var a = above!.Value;
        var back = resolveBelow ?? a;
        if (back > a)
            n.Error(n.Raw("resolve_below"), $"'resolve_below' ({back}) must not be above 'above' ({a})");
        if (resolveAbove is not null)
            n.Error(n.Raw("resolve_above"), "'resolve_above' goes with 'below'; with 'above' use 'resolve_below'");
        return metric is null || window is null ? null : new ThresholdCondition(metric, window, null, a, back, minSamples);
    }

    private static DropCondition? ReadDrop(RuleNode n)
    {
        var window = n.OneOf("window", Windows, required: true);
        var minChange = n.Number("min_change") ?? 10;
        var maxP = n.Number("max_p_value") ?? 0.01;
        if (maxP is <= 0 or >= 1)
            n.Error(n.Raw("max_p_value"), "'max_p_value' must be between 0 and 1");
        return window is null ? null : new DropCondition(window, minChange, maxP, n.Whole("min_samples", 1) ?? 30);
    }

    private static CountCondition ReadCount(RuleNode n)
    {
        var atLeast = n.Whole("at_least", 1) ?? Required(n, "at_least", 1);
        var within = n.Duration("within") ?? Required(n, "within", TimeSpan.FromMinutes(1));
        var resolveBelow = n.Whole("resolve_below", 1) ?? 1;
        if (resolveBelow > atLeast)
            n.Error(n.Raw("resolve_below"), $"'resolve_below' ({resolveBelow}) must not be above 'at_least' ({atLeast})");
        return new CountCondition(atLeast, within, resolveBelow);
    }

    private static CountCondition ReadBurst(RuleNode n)
    {
        var count = ReadCount(n);
        var ratio = n.Number("above_usual");
        if (ratio is <= 1)
            n.Error(n.Raw("above_usual"), "'above_usual' must be more than 1 (how many times the usual unhappy share)");
        var maxP = n.Number("max_p_value") ?? 0.001;
        if (maxP is <= 0 or >= 1)
            n.Error(n.Raw("max_p_value"), "'max_p_value' must be between 0 and 1");
        if (ratio is null && (n.Raw("max_p_value") ?? n.Raw("usual_min_samples")) is { } orphan)
            n.Error(orphan, "'max_p_value' and 'usual_min_samples' go with 'above_usual'");
        return count with { AboveUsual = ratio, MaxPValue = maxP, UsualMinSamples = n.Whole("usual_min_samples", 1) ?? 200 };
    }

    private static EventCondition ReadEvent(RuleNode n)
    {
        var condition = new EventCondition
        {
            Source = n.OneOf("source", Sources) ?? "any",
            Scales = n.List("scales"),
            MaxNorm = n.Number("max_norm"),
            MaxStars = n.Whole("max_stars", 1),
            Keywords = n.List("keywords"),
            VipCustomers = n.List("vip_customers"),
            LoyalTurnedNegative = n.Bool("loyal_turned_negative") ?? false,
            QuietAfter = n.Duration("quiet_after") ?? TimeSpan.FromHours(1),
        };
        foreach (var scale in condition.Scales.Where(s => !Core.Ratings.RatingScales.TryParse(s, out _)))
            n.Error(n.Raw("scales"), $"unknown scale '{scale}' (use csat5, nps11, ces7, smiley4, stars5, thumbs2)");
        if (condition is { MaxNorm: null, MaxStars: null, Keywords.Count: 0, VipCustomers.Count: 0, LoyalTurnedNegative: false })
            n.Error(null, "an event rule needs at least one condition: max_norm, max_stars, keywords, vip_customers or loyal_turned_negative");
        return condition;
    }

    private static Escalation? ReadEscalation(RuleNode? n)
    {
        if (n is null)
            return null;
        var after = n.Duration("after") ?? Required(n, "after", TimeSpan.FromMinutes(1));
        var route = n.String("route", required: true) ?? "default";
        n.RejectUnknownKeys("'escalate'");
        return new Escalation(after, route);
    }

    private static T Required<T>(RuleNode n, string key, T fallback)
    {
        if (n.Raw(key) is null)
            n.Error(null, $"'{key}' is required");
        return fallback;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$")]
    private static partial Regex NamePattern();
}
