using System.Runtime.InteropServices;

namespace CxMonitor.Core.Alerts;

// The scope an item falls in for a rule, and a counting rule's window there.
public sealed partial class RuleEvaluator
{
    private BurstWindow Counts(CriticalMomentRule rule, string scope)
    {
        if (!_counts.TryGetValue((rule.Name, scope), out var window))
            _counts[(rule.Name, scope)] = window = new BurstWindow(rule.Count!);
        return window;
    }

    /// <summary>The scope a burst or review-spike rule counts the item in, and its window. Asked for
    /// every counted item (issue 19): found by the item's own names through the rule's cache (string
    /// keys get the runtime's fast hash, randomized by itself once names collide), so the scope's
    /// text is built and hashed with the rule's name only the first time.</summary>
    private (string Scope, BurstWindow Window)? CountedScope(PreparedRule prepared, AlertEvent e)
    {
        var rule = prepared.Rule;
        var (first, second) = rule.GroupBy switch
        {
            "all" => ("", ""),
            "site" => (e.Site, ""),
            "channel" => (e.Channel, ""),
            "touchpoint" => (e.Touchpoint, ""),
            "site-touchpoint" => (e.Site, e.Touchpoint),
            _ => (null, null),
        };
        if (first is null || second is null)
            return null;
        ref var byFirst = ref CollectionsMarshal.GetValueRefOrAddDefault(prepared.CountedScopes, first, out _);
        byFirst ??= new Dictionary<string, (string, BurstWindow)>(StringComparer.Ordinal);
        ref var counted = ref CollectionsMarshal.GetValueRefOrAddDefault(byFirst, second, out var known);
        if (!known)
        {
            var scope = ScopeOf(rule, e)!;
            counted = (scope, Counts(rule, scope));
        }
        return counted;
    }

    private static string? ScopeOf(CriticalMomentRule rule, AlertEvent e) => rule.GroupBy switch
    {
        "all" => "all",
        "site" => "site:" + e.Site,
        "channel" => e.Channel is null ? null : "channel:" + e.Channel,
        "touchpoint" => e.Touchpoint is null ? null : "touchpoint:" + e.Touchpoint,
        "site-touchpoint" => e.Touchpoint is null ? null : $"site-touchpoint:{e.Site}/{e.Touchpoint}",
        _ => null,
    };
}
