namespace CxMonitor.Web.Ingest;

/// <summary>A review that passed every check. (Platform, ExternalId) identifies it.</summary>
public sealed record ValidReview(
    string Platform,
    string ExternalId,
    DateTimeOffset Time,
    int? Stars,
    string? Title,
    string? Text,
    string? Author,
    string? Url,
    string Site,
    string? Language)
{
    /// <summary>Two stars or fewer: shown on the wall ticker and counted as a negative.</summary>
    public bool IsNegative => Stars is <= 2;
}
