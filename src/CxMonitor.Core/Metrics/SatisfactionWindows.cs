namespace CxMonitor.Core.Metrics;

/// <summary>
/// Codes and time ranges of <see cref="SatisfactionWindow"/>s, and the ranges of their
/// baselines. Pure: the current time is always an argument.
/// </summary>
public static class SatisfactionWindows
{
    private static readonly string[] _codes = ["15m", "1h", "today", "24h", "7d", "30d"];

    private static readonly TimeSpan[] _lengths =
    [
        TimeSpan.FromMinutes(15),
        TimeSpan.FromHours(1),
        TimeSpan.Zero, // Today depends on the site's midnight.
        TimeSpan.FromHours(24),
        TimeSpan.FromDays(7),
        TimeSpan.FromDays(30),
    ];

    /// <summary>The wire code: <c>15m</c>, <c>1h</c>, <c>today</c>, <c>24h</c>, <c>7d</c>, <c>30d</c>.</summary>
    public static string Code(SatisfactionWindow window) => _codes[Index(window)];

    /// <summary>Reads a wire code, ignoring surrounding white space and letter case.</summary>
    public static bool TryParse(string? code, out SatisfactionWindow window)
    {
        var index = Array.FindIndex(_codes, c => string.Equals(c, code?.Trim(), StringComparison.OrdinalIgnoreCase));
        window = index < 0 ? default : (SatisfactionWindow)index;
        return index >= 0;
    }

    /// <summary>
    /// The range of a window ending at <paramref name="now"/>. Fixed windows span elapsed
    /// time (24h is 24 hours even on a DST day); <see cref="SatisfactionWindow.Today"/>
    /// starts at midnight in <paramref name="siteZone"/>, so on a DST day it can run up to
    /// 23 or 25 hours rather than 24. The start carries the site's offset.
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Range(
        SatisfactionWindow window, DateTimeOffset now, TimeZoneInfo siteZone)
    {
        ArgumentNullException.ThrowIfNull(siteZone);
        var start = window == SatisfactionWindow.Today
            ? ZonedTime.Resolve(TimeZoneInfo.ConvertTime(now, siteZone).Date, siteZone)
            : TimeZoneInfo.ConvertTime(now - _lengths[Index(window)], siteZone);
        return (start, now);
    }

    /// <summary>
    /// The baseline of a window: the same local hours of the same weekday in each of the
    /// previous <paramref name="weeks"/> weeks, most recent first. Shifting happens on the
    /// wall clock, so a 09:00–12:00 window maps to 09:00–12:00 even across a DST change.
    /// Add the totals of all ranges; when they hold too little data, fall back to
    /// <see cref="Trailing28Days"/>.
    /// </summary>
    public static IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> SameHoursPreviousWeeks(
        DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone, int weeks = 4)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "The window must not end before it starts.");
        }

        var localStart = TimeZoneInfo.ConvertTime(start, zone).DateTime;
        var localEnd = TimeZoneInfo.ConvertTime(end, zone).DateTime;
        var ranges = new (DateTimeOffset Start, DateTimeOffset End)[weeks];
        for (var week = 1; week <= weeks; week++)
        {
            var shiftedStart = ZonedTime.Resolve(localStart.AddDays(-7 * week), zone);
            var shiftedEnd = ZonedTime.Resolve(localEnd.AddDays(-7 * week), zone);

            // Two wall-clock times that straddle a DST change can resolve out of order.
            ranges[week - 1] = (shiftedStart, shiftedEnd < shiftedStart ? shiftedStart : shiftedEnd);
        }

        return Array.AsReadOnly(ranges);
    }

    /// <summary>How long a window's figures stay current: its own length (today: a day). A figure
    /// computed longer ago than this describes ratings that have all left the window.</summary>
    public static TimeSpan Length(SatisfactionWindow window) =>
        window == SatisfactionWindow.Today ? TimeSpan.FromDays(1) : _lengths[Index(window)];

    /// <summary>The 28 × 24 hours before a window: the fallback baseline.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Trailing28Days(DateTimeOffset windowStart) =>
        (windowStart - TimeSpan.FromDays(28), windowStart);

    private static int Index(SatisfactionWindow window) =>
        (uint)window < (uint)_codes.Length
            ? (int)window
            : throw new ArgumentOutOfRangeException(nameof(window), window, "Unknown satisfaction window.");
}
