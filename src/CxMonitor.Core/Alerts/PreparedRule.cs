namespace CxMonitor.Core.Alerts;

/// <summary>A rule with its keywords and VIP list prepared once for fast matching.</summary>
internal sealed class PreparedRule
{
    private readonly string[] _keywords;
    private readonly HashSet<string> _vips;

    public PreparedRule(CriticalMomentRule rule)
    {
        Rule = rule;
        // "poison*" matches every word starting with poison; other keywords whole words only.
        _keywords = (rule.Event?.Keywords ?? []).Select(k => k.TrimEnd().EndsWith('*') ? TextMatch.Normalize(k).TrimEnd() : TextMatch.Normalize(k))
            .Where(k => k.Trim().Length > 0).ToArray();
        _vips = new HashSet<string>(rule.Event?.VipCustomers ?? [], StringComparer.Ordinal);
    }

    public CriticalMomentRule Rule { get; }

    /// <summary>Burst and review-spike rules: each scope and its window by the item's names (one
    /// or two of site, channel, touchpoint), filled by the evaluator. A new rule set starts empty.</summary>
    public Dictionary<string, Dictionary<string, (string Scope, BurstWindow Window)>> CountedScopes { get; } = new(StringComparer.Ordinal);

    /// <summary>Why the item matches every condition of the event rule, or null when it does not.
    /// Loyalty looks at the customer's answer before this one, so call before remembering it.</summary>
    public EventMatch? Matches(AlertEvent e, CustomerMemory customers)
    {
        var c = Rule.Event!;
        // Every test before anything is allocated, since this runs for every event rule and every
        // accepted item (issue 19); the keywords last, because matching them normalises the text.
        if (c.Source != "any" && c.Source != e.Kind)
            return null;
        if (c.Scales.Count > 0 && (e.Scale is null || !c.Scales.Contains(e.Scale)))
            return null;
        if (c.MaxNorm is { } maxNorm && (e.Norm is not { } norm || norm > maxNorm))
            return null;
        if (c.MaxStars is { } maxStars && (e.Stars is not { } stars || stars > maxStars))
            return null;
        if (_vips.Count > 0 && (e.Customer is null || !_vips.Contains(e.Customer)))
            return null;
        if (c.LoyalTurnedNegative && (e.Customer is null || !e.Negative || customers.WasPositive(e.Customer) != true))
            return null;
        string? keyword = null;
        if (_keywords.Length > 0 && (keyword = TextMatch.FirstMatch(e.Text, _keywords)) is null)
            return null;

        var reasons = new List<string>();
        var codes = new List<string>();
        if (c.MaxNorm is not null)
        {
            reasons.Add($"score {e.Score}");
            codes.Add("score");
        }
        if (c.MaxStars is not null)
        {
            reasons.Add($"{e.Stars} stars");
            codes.Add("stars");
        }
        if (keyword is not null)
        {
            reasons.Add($"\"{keyword}\"");
            codes.Add("keyword");
        }
        if (_vips.Count > 0)
        {
            reasons.Add("VIP customer");
            codes.Add("vip");
        }
        if (c.LoyalTurnedNegative)
        {
            reasons.Add("a loyal customer turned negative");
            codes.Add("loyal");
        }
        return new EventMatch(reasons.Count == 0 ? "matched" : string.Join(", ", reasons), string.Join(',', codes), keyword);
    }
}

/// <summary>Why an item matched: in English words (<c>match</c>, for old templates) and as codes
/// (score, stars, keyword, vip, loyal) that each reader's language words itself.</summary>
internal sealed record EventMatch(string Why, string Reasons, string? Keyword);
