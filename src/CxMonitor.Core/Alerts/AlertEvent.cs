namespace CxMonitor.Core.Alerts;

/// <summary>One accepted rating or review, as event rules see it.</summary>
public sealed record AlertEvent
{
    public required string Kind { get; init; } // "rating" or "review"

    public required DateTimeOffset Time { get; init; }

    public required string Site { get; init; }

    public string? Channel { get; init; }

    public string? Touchpoint { get; init; }

    public string? Scale { get; init; }

    /// <summary>Where a rating came from: terminal, survey, api, … (null for reviews).</summary>
    public string? Source { get; init; }

    public int? Score { get; init; }

    /// <summary>0-100 for ratings.</summary>
    public double? Norm { get; init; }

    public int? Stars { get; init; }

    public bool Negative { get; init; }

    /// <summary>Satisfied, or an NPS promoter.</summary>
    public bool Positive { get; init; }

    public string? Customer { get; init; }

    public string? Text { get; init; }

    /// <summary>The id of the rating, or platform/externalId of the review.</summary>
    public string? Id { get; init; }

    /// <summary>Accepted by another node and shared through Redis (decision 0027): it counts for
    /// burst and review-spike rules only, since event rules fire on the node that accepted it.</summary>
    public bool FromOtherNode { get; init; }
}
