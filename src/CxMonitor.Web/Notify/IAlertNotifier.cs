namespace CxMonitor.Web.Notify;

/// <summary>Takes an alert notice for delivery. Alerting calls every registered notifier; an
/// implementation must have made the notice durable (for example in the outbox) before its task
/// completes, and must not throw for a channel's failure: delivery is retried on its own.</summary>
public interface IAlertNotifier
{
    ValueTask NotifyAsync(AlertNotice notice, CancellationToken cancellationToken);
}
