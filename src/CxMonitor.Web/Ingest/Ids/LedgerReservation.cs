namespace CxMonitor.Web.Ingest.Ids;

/// <summary>The ids and points one request holds between its check and its spool write. Commit
/// once the spool has the lines on disk, release otherwise; either ends the wait of requests that
/// sent the same ids at the same time.</summary>
public sealed class LedgerReservation(RatingLedger ledger)
{
    public List<LedgerEntry> Taken { get; } = [];

    /// <summary>Ids another request holds: the caller waits for them and asks again.</summary>
    public List<(LedgerCandidate Candidate, Task Outcome)> Waiting { get; } = [];

    public int Duplicates { get; set; }

    internal TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Commit() => ledger.Commit(this);

    public void Release() => ledger.Release(this);
}
