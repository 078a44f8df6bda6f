namespace CxMonitor.Web.Trends;

/// <summary>How a trend is cut: local calendar days, ISO weeks (Monday first) or months.</summary>
public enum TrendBucket
{
    Day,
    Week,
    Month,
}

/// <summary>A range of whole local days [From, To) in one time zone, cut into buckets.</summary>
public sealed record TrendPeriod(DateOnly From, DateOnly To, TrendBucket Bucket, TimeZoneInfo Zone)
{
    public static bool TryParseBucket(string? text, out TrendBucket bucket)
    {
        bucket = TrendBucket.Day;
        switch (text ?? "day")
        {
            case "day": return true;
            case "week": bucket = TrendBucket.Week; return true;
            case "month": bucket = TrendBucket.Month; return true;
            default: return false;
        }
    }

    /// <summary>The bucket a day belongs to, by its first day.</summary>
    public DateOnly BucketStart(DateOnly day) => Bucket switch
    {
        TrendBucket.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        TrendBucket.Month => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    public DateOnly NextBucket(DateOnly start) => Bucket switch
    {
        TrendBucket.Week => start.AddDays(7),
        TrendBucket.Month => start.AddMonths(1),
        _ => start.AddDays(1),
    };

    /// <summary>Every bucket touching the range, first to last, clipped to the range.</summary>
    public IEnumerable<(DateOnly Start, DateOnly End)> Buckets()
    {
        for (var start = BucketStart(From); start < To; start = NextBucket(start))
            yield return (start < From ? From : start, NextBucket(start) > To ? To : NextBucket(start));
    }

    /// <summary>The period just before, of the same length in buckets (months stay months), or a
    /// year earlier.</summary>
    public TrendPeriod Previous(bool yearEarlier)
    {
        if (yearEarlier)
            return this with { From = From.AddYears(-1), To = To.AddYears(-1) };
        return Bucket == TrendBucket.Month && From.Day == 1 && To.Day == 1
            ? this with { From = From.AddMonths(-MonthsBetween(From, To)), To = From }
            : this with { From = From.AddDays(-(To.DayNumber - From.DayNumber)), To = From };
    }

    public DateTimeOffset StartInstant => Instant(From);

    public DateTimeOffset EndInstant => Instant(To);

    public DateTimeOffset Instant(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        // A day that starts inside a DST gap starts at the end of the gap.
        while (Zone.IsInvalidTime(local))
            local = local.AddMinutes(30);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    private static int MonthsBetween(DateOnly from, DateOnly to) => ((to.Year - from.Year) * 12) + to.Month - from.Month;
}
