namespace CxMonitor.Simulator.Sending;

/// <summary>Running counts for one kind of item; updated from several sender tasks at once.</summary>
internal sealed class SendTotals(string kind)
{
    private long _sent;
    private long _accepted;
    private long _duplicates;
    private long _rejected;
    private long _failed;

    public string Kind => kind;
    public long Sent => Interlocked.Read(ref _sent);
    public long Accepted => Interlocked.Read(ref _accepted);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Rejected => Interlocked.Read(ref _rejected);
    /// <summary>Items in batches the server never acknowledged.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public void Record(BatchOutcome outcome)
    {
        Interlocked.Add(ref _sent, outcome.Count);
        Interlocked.Add(ref _accepted, outcome.Accepted);
        Interlocked.Add(ref _duplicates, outcome.Duplicates);
        Interlocked.Add(ref _rejected, outcome.Rejected);
        if (!outcome.Acknowledged)
            Interlocked.Add(ref _failed, outcome.Count);
    }

    public override string ToString() =>
        $"{kind}: sent {Sent:N0}, accepted {Accepted:N0}, duplicates {Duplicates:N0}, rejected {Rejected:N0}" +
        (Failed > 0 ? $", failed {Failed:N0}" : "");
}
