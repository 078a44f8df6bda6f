using CxMonitor.Core.Alerts;

namespace CxMonitor.Web.Alerts.Store;

/// <summary>An alert as the API and the console show it.</summary>
public sealed record AlertRecord(
    long Id, string Rule, string Scope, string? Site, string State, string Severity, string Route,
    IReadOnlyDictionary<string, string> Labels, string Summary, string Description, IReadOnlyDictionary<string, string> Values,
    DateTimeOffset Since, DateTimeOffset? FiredAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, string? AssignedTo,
    DateTimeOffset? ResolvedAt, string? ResolvedBy, int EscalationLevel, int Flaps, bool Silenced, string? Feedback)
{
    /// <summary>The rule's kind (threshold, drop, burst, event, silence, review_spike); null for
    /// alerts from before alerts carried it.</summary>
    public string? Kind { get; init; }

    /// <summary>The touchpoint id of a touchpoint or site-touchpoint scope.</summary>
    public string? Touchpoint => Scope.StartsWith("site-touchpoint:", StringComparison.Ordinal) ? string.Join('/', Scope.Split('/').Skip(1))
        : Scope.StartsWith("touchpoint:", StringComparison.Ordinal) ? Scope[11..] : null;

    /// <summary>Summary and description in every language we speak (en, ru, uk), with site and
    /// touchpoint names: each screen shows its reader's. <see cref="Summary"/> is the English one.</summary>
    public IReadOnlyDictionary<string, AlertText> Texts { get; init; } = new Dictionary<string, AlertText>();

    public static string? SiteOf(string scope) =>
        scope.StartsWith("site:", StringComparison.Ordinal) ? scope[5..]
        : scope.StartsWith("site-touchpoint:", StringComparison.Ordinal) ? scope[16..].Split('/')[0] : null;
}

public sealed record AlertHistoryEntry(DateTimeOffset At, string Actor, string Action, string? Note);

public sealed record AlertTrigger(DateTimeOffset At, AlertEvent Item);

/// <summary>Matchers with a period: alerts they match are recorded but not notified.</summary>
public sealed record AlertSilence(long Id, string? Rule, string? Site, IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Author, string Comment, DateTimeOffset CreatedAt)
{
    public bool Matches(string rule, string? site, IReadOnlyDictionary<string, string> labels, DateTimeOffset at) =>
        at >= StartsAt && at < EndsAt
        && (Rule is null || Rule == rule)
        && (Site is null || Site == site)
        && Labels.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value);
}

public sealed record RuleStats(string Rule, int Fired, int Acknowledged, double? MeanMinutesToAcknowledge, int Useful, int Noise, double? NoiseShare);
