namespace CxMonitor.Simulator.Generation;

/// <summary>One rating as the ingest API takes it; property names map to the wire in camelCase.</summary>
public sealed record Rating(
    string Id,
    DateTimeOffset Time,
    string Scale,
    int Score,
    string Site,
    string Channel,
    string Touchpoint,
    string Source,
    string? Team,
    string? Customer,
    string[]? Reasons,
    string? Comment,
    string? Language);

/// <summary>One public review as a feed would deliver it.</summary>
public sealed record Review(
    string Platform,
    string ExternalId,
    DateTimeOffset Time,
    int? Stars,
    string Title,
    string Text,
    string Author,
    string Url,
    string Site,
    string Language);

/// <summary>Everything generated for one slice of simulated time.</summary>
public sealed record GeneratedSlice(List<Rating> Ratings, List<Review> Reviews);
