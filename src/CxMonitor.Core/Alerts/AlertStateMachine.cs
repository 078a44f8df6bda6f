namespace CxMonitor.Core.Alerts;

/// <summary>The alert lifecycle: pending → firing → acknowledged → resolved, as a pure function
/// of the open alert (if any), the condition and the time.</summary>
public static class AlertStateMachine
{
    /// <summary>A threshold, drop or silence condition that comes back within this long after
    /// resolving re-opens the same alert (with the values of now) without a new notification: a
    /// flapping metric must not page anyone twice.</summary>
    public static readonly TimeSpan FlapWindow = TimeSpan.FromMinutes(15);

    /// <summary>Applies a condition to the rule's alert for one scope (the open alert, or the last
    /// resolved one of this rule and scope, or none); null when nothing changes.</summary>
    public static AlertChange? Step(CriticalMomentRule rule, string scope, AlertInstance? current, ConditionStatus status,
        DateTimeOffset now, IReadOnlyDictionary<string, string> values, IReadOnlyList<AlertEvent>? triggers = null) =>
        Decide(rule, scope, current, status, now, values, triggers ?? []) is { } change
            ? change with { Condition = status, Measured = values }
            : null;

    private static AlertChange? Decide(CriticalMomentRule rule, string scope, AlertInstance? current, ConditionStatus status,
        DateTimeOffset now, IReadOnlyDictionary<string, string> values, IReadOnlyList<AlertEvent> triggers)
    {
        if (current is null || current.State == AlertState.Resolved)
        {
            if (status != ConditionStatus.Active)
                return null;
            // Only a measured condition flaps. A new rating or review after resolution is a new
            // moment: it gets its own alert, summary and firing time, not the old one back.
            if (current is { ResolvedAt: { } resolved } && now - resolved < FlapWindow && rule.Kind is RuleKind.Threshold or RuleKind.Drop or RuleKind.Silence)
            {
                return new AlertChange(current with { State = AlertState.Firing, ResolvedAt = null, Flaps = current.Flaps + 1, LastMatchAt = now, Values = values },
                    null, "the condition came back within the flap window", triggers);
            }
            var fresh = new AlertInstance
            {
                Rule = rule.Name, Scope = scope, Severity = rule.Severity, State = AlertState.Pending, Since = now, LastMatchAt = now, Values = values,
            };
            return rule.For <= TimeSpan.Zero ? Fire(fresh, now, triggers) : new AlertChange(fresh, null, "the condition started", triggers);
        }

        switch (current.State)
        {
            case AlertState.Pending when status == ConditionStatus.Active:
                return now - current.Since >= rule.For ? Fire(current with { Values = values, LastMatchAt = now }, now, triggers) : null;
            case AlertState.Pending:
                return new AlertChange(current, null, "the condition ended before it fired", triggers) { Discarded = true };
            case AlertState.Firing or AlertState.Acknowledged when status == ConditionStatus.Clear:
                return Resolve(current, now, "the condition cleared past its resolve bound");
            case AlertState.Firing or AlertState.Acknowledged when status == ConditionStatus.Active && triggers.Count > 0:
                return new AlertChange(current with { LastMatchAt = now }, null, "another matching item", triggers);
            default:
                return null;
        }
    }

    /// <summary>Time-driven changes of an open alert: escalation of an unacknowledged alert,
    /// reminders of an unresolved one.</summary>
    public static AlertChange? Tick(CriticalMomentRule rule, AlertInstance current, DateTimeOffset now)
    {
        if (current.State == AlertState.Firing && rule.Escalate is { } escalate && current.EscalationLevel == 0
            && current.FiredAt is { } fired && now - fired >= escalate.After)
        {
            return Notify(current with { EscalationLevel = 1 }, now, "escalation", $"unacknowledged after {escalate.After}");
        }
        if (current.State is AlertState.Firing or AlertState.Acknowledged && rule.Repeat > TimeSpan.Zero
            && current.LastNotifiedAt is { } last && now - last >= rule.Repeat)
        {
            return Notify(current, now, "reminder", $"still unresolved after {rule.Repeat}");
        }
        return null;
    }

    public static AlertChange Acknowledge(AlertInstance current, DateTimeOffset now) =>
        new(current with { State = AlertState.Acknowledged, AcknowledgedAt = now }, null, "acknowledged", []);

    public static AlertChange Resolve(AlertInstance current, DateTimeOffset now, string reason) =>
        Notify(current with { State = AlertState.Resolved, ResolvedAt = now }, now, "resolved", reason);

    private static AlertChange Fire(AlertInstance alert, DateTimeOffset now, IReadOnlyList<AlertEvent> triggers) =>
        Notify(alert with { State = AlertState.Firing, FiredAt = now }, now, "firing", "the condition held", triggers);

    private static AlertChange Notify(AlertInstance alert, DateTimeOffset now, string notice, string reason, IReadOnlyList<AlertEvent>? triggers = null) =>
        new(alert with { LastNotifiedAt = now, NoticeSequence = alert.NoticeSequence + 1 }, notice, reason, triggers ?? []);
}
