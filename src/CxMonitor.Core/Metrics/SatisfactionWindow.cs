namespace CxMonitor.Core.Metrics;

/// <summary>The time windows a snapshot is computed over. Codes are in <see cref="SatisfactionWindows"/>.</summary>
public enum SatisfactionWindow
{
    /// <summary><c>15m</c>: the last 15 minutes, for the wall display.</summary>
    Live15m,

    /// <summary><c>1h</c>: the last hour.</summary>
    Hour1,

    /// <summary><c>today</c>: since midnight in the site's time zone.</summary>
    Today,

    /// <summary><c>24h</c>: the last 24 hours.</summary>
    Day1,

    /// <summary><c>7d</c>: the last 7 × 24 hours.</summary>
    Days7,

    /// <summary><c>30d</c>: the last 30 × 24 hours.</summary>
    Days30,
}
