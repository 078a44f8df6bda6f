namespace CxMonitor.Core.Metrics;

/// <summary>Whether a snapshot's figures can be shown.</summary>
public enum MetricState
{
    /// <summary>At least the minimum number of ratings or of reviews.</summary>
    Ok,

    /// <summary>Some ratings or reviews, but fewer than the minimum of either.</summary>
    NotEnoughData,

    /// <summary>No ratings and no reviews at all.</summary>
    NoData,
}
