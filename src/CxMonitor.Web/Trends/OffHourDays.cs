using CxMonitor.Core.Metrics;
using CxMonitor.Influx.Query;

namespace CxMonitor.Web.Trends;

/// <summary>Local days in zones whose midnight is not on a UTC hour (offsets of half or three
/// quarters of an hour): whole hours come from the hourly rollups, and each hour holding a local
/// midnight is split at it from its raw points. That is one small raw query per local midnight
/// in the range, never a scan of the range's raw points.</summary>
internal static class OffHourDays
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>Whether any local midnight of the period (its ends included) falls inside an hour.</summary>
    public static bool AnyIn(TrendPeriod period)
    {
        for (var day = period.From; day <= period.To; day = day.AddDays(1))
        {
            if (period.Instant(day).UtcTicks % Hour.Ticks != 0)
                return true;
        }
        return false;
    }

    /// <param name="hours">Hourly rollup totals from the hour before the period to the hour after.</param>
    /// <param name="rawHour">Raw points of one hour, grouped by a time bucket that the midnight is a multiple of.</param>
    public static async Task<Dictionary<DateOnly, SatisfactionTotals>> SplitAsync(
        TrendPeriod period,
        Dictionary<DateTimeOffset, SatisfactionTotals> hours,
        Func<DateTimeOffset, TimeSpan, Task<List<(InfluxSeries Series, bool Reviews)>>> rawHour,
        CancellationToken ct)
    {
        var days = new Dictionary<DateOnly, SatisfactionTotals>();
        var split = new List<(DateTimeOffset Hour, DateTimeOffset Midnight, SatisfactionTotals Rolled)>();
        foreach (var (hour, totals) in hours)
        {
            var first = LocalDay(period.Zone, hour);
            var last = LocalDay(period.Zone, hour + Hour - TimeSpan.FromTicks(1));
            if (first == last)
                TrendTotals.Add(days, first, totals);
            else
                split.Add((hour, period.Instant(last), totals));
        }
        // A few at a time: each is small, and a year of days must not open hundreds of requests at once.
        using var gate = new SemaphoreSlim(4);
        var parts = await Task.WhenAll(split.Select(async s =>
        {
            await gate.WaitAsync(ct);
            try
            {
                return (s, Raw: TrendTotals.Sum(await rawHour(s.Hour, Bucket(s.Midnight - s.Hour))));
            }
            finally
            {
                gate.Release();
            }
        }));
        foreach (var (s, raw) in parts)
        {
            var fromRaw = raw.Values.Aggregate(SatisfactionTotals.Empty, (a, b) => a + b);
            if (fromRaw.Ratings != s.Rolled.Ratings || fromRaw.Reviews != s.Rolled.Reviews)
            {
                // Raw points past their retention (or not yet rolled up): the hour counts for the
                // day it starts in, as before, rather than not at all.
                TrendTotals.Add(days, LocalDay(period.Zone, s.Hour), s.Rolled);
                continue;
            }
            foreach (var (start, totals) in raw)
                TrendTotals.Add(days, start < s.Midnight ? LocalDay(period.Zone, s.Hour) : LocalDay(period.Zone, s.Midnight), totals);
        }
        foreach (var day in days.Keys.Where(d => d < period.From || d >= period.To).ToList())
            days.Remove(day);
        return days;
    }

    /// <summary>The largest bucket that divides both the hour and the midnight's place in it, so
    /// buckets (aligned on the epoch, as hours are) end exactly at the midnight.</summary>
    private static TimeSpan Bucket(TimeSpan intoHour)
    {
        long a = (long)Hour.TotalSeconds, b = (long)intoHour.TotalSeconds;
        while (b != 0)
            (a, b) = (b, a % b);
        return TimeSpan.FromSeconds(Math.Max(a, 1));
    }

    private static DateOnly LocalDay(TimeZoneInfo zone, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
