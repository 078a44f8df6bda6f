namespace CxMonitor.Web.Notify;

/// <summary>What the alerting side hands to notification channels: one alert at one moment of
/// its life. <see cref="Kind"/> is one of <see cref="AlertNoticeKinds"/>. The pair
/// (<see cref="AlertId"/>, <see cref="Sequence"/>) identifies a notice, so an outbox can refuse a
/// second copy of the same notice after a restart.</summary>
public sealed record AlertNotice(
    long AlertId,
    int Sequence,
    string Kind,
    string RuleName,
    string Severity,
    string Scope,
    string? Site,
    IReadOnlyDictionary<string, string> Labels,
    string Summary,
    string Description,
    string? Route,
    DateTimeOffset Time,
    string? Url);

public static class AlertNoticeKinds
{
    public const string Firing = "firing";
    public const string Reminder = "reminder";
    public const string Escalation = "escalation";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";
}
