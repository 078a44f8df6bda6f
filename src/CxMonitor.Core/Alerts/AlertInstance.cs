namespace CxMonitor.Core.Alerts;

public enum AlertState
{
    /// <summary>The condition holds but not yet for the rule's <c>for</c> duration.</summary>
    Pending,

    Firing,

    /// <summary>Someone took it: escalation stops, reminders continue until it is resolved.</summary>
    Acknowledged,

    Resolved,
}

/// <summary>How a rule's condition stands for one scope at one moment.</summary>
public enum ConditionStatus
{
    /// <summary>Past the firing bound.</summary>
    Active,

    /// <summary>Between the firing and the resolve bound, or not measurable: nothing changes.</summary>
    Holding,

    /// <summary>Past the resolve bound.</summary>
    Clear,
}

/// <summary>One rule firing for one scope, as the core tracks it. Times are when each state began.</summary>
public sealed record AlertInstance
{
    public long Id { get; init; }

    public required string Rule { get; init; }

    public required string Scope { get; init; }

    public AlertState State { get; init; }

    public AlertSeverity Severity { get; init; }

    public DateTimeOffset Since { get; init; }

    public DateTimeOffset? FiredAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Last notice of any kind: reminders count from here.</summary>
    public DateTimeOffset? LastNotifiedAt { get; init; }

    public int EscalationLevel { get; init; }

    /// <summary>How often it re-opened shortly after resolving (flapping).</summary>
    public int Flaps { get; init; }

    /// <summary>Event and count rules: the last matching item.</summary>
    public DateTimeOffset? LastMatchAt { get; init; }

    /// <summary>The values the summary was rendered with when it fired (value, n, bound, …).</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>Sequence of notices sent for this alert, so each notice has its own identity.</summary>
    public int NoticeSequence { get; init; }

    /// <summary>The stored row's version this instance was read or written as: a write made from
    /// an older version is refused, since another node changed the alert meanwhile.</summary>
    public long Version { get; init; }

    public bool IsOpen => State is AlertState.Pending or AlertState.Firing or AlertState.Acknowledged;
}

/// <summary>What an evaluation did to one alert: the alert after the change, and the notice to
/// send (one of firing, reminder, escalation, resolved), if any.</summary>
public sealed record AlertChange(AlertInstance Alert, string? Notice, string Reason, IReadOnlyList<AlertEvent> Triggers)
{
    /// <summary>A pending alert whose condition went away before it fired: it is forgotten.</summary>
    public bool Discarded { get; init; }

    /// <summary>The condition this change was decided on, kept so that a change another node's
    /// write made void can be decided again on the alert as stored, without counting its items
    /// again (<see cref="RuleEvaluator.Redo"/>).</summary>
    public ConditionStatus Condition { get; init; } = ConditionStatus.Active;

    /// <summary>The values measured with <see cref="Condition"/>; null when they are the alert's own.</summary>
    public IReadOnlyDictionary<string, string>? Measured { get; init; }
}
