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
    string? Url)
{
    /// <summary>Summary and description in every language we speak; <see cref="Summary"/> is the English one.</summary>
    public IReadOnlyDictionary<string, CxMonitor.Web.Alerts.AlertText> Texts { get; init; } = new Dictionary<string, CxMonitor.Web.Alerts.AlertText>();

    /// <summary>The texts in one language, English when that one is missing (notices queued before
    /// alerts carried every language have English only).</summary>
    public CxMonitor.Web.Alerts.AlertText In(string language) =>
        Texts.GetValueOrDefault(language) ?? Texts.GetValueOrDefault("en") ?? new CxMonitor.Web.Alerts.AlertText(Summary, Description);
}

public static class AlertNoticeKinds
{
    public const string Firing = "firing";
    public const string Reminder = "reminder";
    public const string Escalation = "escalation";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";
}
