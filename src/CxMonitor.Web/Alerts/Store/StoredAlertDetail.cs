namespace CxMonitor.Web.Alerts.Store;

/// <summary>An alert, its history and its triggers, read at one moment (<see cref="AlertStore.DetailAsync"/>).</summary>
public sealed record StoredAlertDetail(AlertRecord Alert, IReadOnlyList<AlertHistoryEntry> History, IReadOnlyList<AlertTrigger> Triggers);
