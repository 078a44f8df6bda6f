namespace CxMonitor.Web.Ingest;

/// <summary>The 202 body: what was stored, what was a resend, and every rejected field.</summary>
public sealed record IngestSummary(int Accepted, int Duplicates, IReadOnlyList<ItemError> Rejected)
{
    /// <summary>Reviews only: resends whose content changed and replaced the stored review.</summary>
    public int? Updated { get; init; }
}

public enum IngestStatus
{
    Accepted,
    NothingValid,
    Forbidden,
    Full,
}

public sealed record IngestOutcome(IngestStatus Status, IngestSummary Summary, string? Detail = null);
