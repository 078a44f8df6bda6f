namespace CxMonitor.Core.Metrics;

/// <summary>Turns a wall-clock time of a zone into an instant, across DST changes.</summary>
internal static class ZonedTime
{
    /// <summary>
    /// A local time that occurs twice (clocks going back) resolves to its first occurrence.
    /// A local time that never occurs (clocks going forward) is read with the offset in
    /// force before the gap, which lands as far after the gap as it was into it; a gap
    /// starting at midnight thus yields the first instant of the day.
    /// </summary>
    public static DateTimeOffset Resolve(DateTime local, TimeZoneInfo zone)
    {
        var wallClock = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);

        // Offsets in force a day before and a day after cover every transition near this
        // time; zones never change their offset twice within two days.
        var asUtc = DateTime.SpecifyKind(local, DateTimeKind.Utc);
        var before = zone.GetUtcOffset(asUtc.AddDays(-1));
        var after = zone.GetUtcOffset(asUtc.AddDays(1));

        var earliest = default(DateTimeOffset?);
        foreach (var offset in new[] { before, after })
        {
            var candidate = new DateTimeOffset(wallClock, offset);
            if (zone.GetUtcOffset(candidate) == offset && (earliest is null || candidate < earliest))
            {
                earliest = candidate;
            }
        }

        return earliest ?? TimeZoneInfo.ConvertTime(new DateTimeOffset(wallClock, before), zone);
    }
}
