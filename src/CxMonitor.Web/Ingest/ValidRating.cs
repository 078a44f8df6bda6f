using CxMonitor.Core.Ratings;

namespace CxMonitor.Web.Ingest;

/// <summary>A rating that passed every check, classified, ready to store.</summary>
public sealed record ValidRating(
    string Id,
    DateTimeOffset Time,
    RatingScale Scale,
    int Score,
    RatingClassification Class,
    string Site,
    string? Channel,
    string? Touchpoint,
    string Source,
    string? Team,
    string? Customer,
    IReadOnlyList<string> Reasons,
    string? Comment,
    string? Language);
