namespace CxMonitor.Web.Notify;

/// <summary>Delivers one message (one or more grouped notices) on one kind of channel.</summary>
public interface INotificationSender
{
    /// <summary>webhook or email.</summary>
    string Type { get; }

    /// <exception cref="NotificationException">The channel did not take the message; says whether a retry may help.</exception>
    Task SendAsync(string channel, ChannelOptions options, IReadOnlyList<AlertNotice> notices, string deliveryId, CancellationToken ct);
}

public sealed class NotificationException(string message, bool retryable, Exception? inner = null) : Exception(message, inner)
{
    public bool Retryable { get; } = retryable;
}
