namespace CxMonitor.Web.Alerts.Store;

/// <summary>Another node changed the alert after this one read it (a tick and a person's
/// acknowledge at the same instant): nothing was written; decide again from the stored row.</summary>
public sealed class AlertWriteConflict(long id) : Exception(id == 0
    ? "Another writer opened an alert of this rule and scope first."
    : $"Alert {id} was changed by another writer since it was read.")
{
    public long Id { get; } = id;
}
