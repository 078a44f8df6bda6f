using System.Globalization;
using CxMonitor.Web.Metrics;

namespace CxMonitor.Web.Trends;

/// <summary>The query parameters every trends endpoint shares, checked once: scope, a range of
/// whole local days (<c>from</c> and <c>to</c> inclusive), time zone, bucket and comparison.</summary>
public sealed record TrendQuery(SatisfactionScope Scope, TrendPeriod Period, TrendPeriod Previous, bool Csv)
{
    public const int MaxDays = 800;

    /// <summary>InfluxDB holds 1677-09-21 to 2262-04-11; with the comparison period a year or
    /// 800 days back, these bounds keep every query inside.</summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1), Latest = new(2199, 12, 31);

    public static bool TryParse(HttpRequest request, TimeProvider clock, out TrendQuery query, out (string Field, string Rule) error)
    {
        query = null!;
        error = default;
        var q = request.Query;
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(q["tz"].FirstOrDefault() ?? "UTC");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            error = ("tz", "must be an IANA time zone such as Europe/Berlin");
            return false;
        }
        // A Windows name ("W. Europe Standard Time") is found here, but InfluxDB's tz() knows IANA names only.
        if (!zone.HasIanaId && zone.Id != "UTC")
        {
            error = ("tz", "must be an IANA time zone such as Europe/Berlin");
            return false;
        }
        if (!SatisfactionScope.TryParse(q["scope"].FirstOrDefault() ?? "all", out var scope))
        {
            error = ("scope", "must be all, site:ID, channel:NAME, touchpoint:NAME or site-touchpoint:ID/NAME");
            return false;
        }
        if (!TrendPeriod.TryParseBucket(q["bucket"].FirstOrDefault(), out var bucket))
        {
            error = ("bucket", "must be day, week or month");
            return false;
        }
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        if (!TryDate(q["to"].FirstOrDefault(), today, out var last))
        {
            error = ("to", "must be a date such as 2026-11-30 (the last day included)");
            return false;
        }
        if (last < Earliest || last > Latest)
        {
            error = ("to", $"must be from {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}");
            return false;
        }
        if (!TryDate(q["from"].FirstOrDefault(), last.AddDays(-29), out var first))
        {
            error = ("from", "must be a date such as 2026-11-01");
            return false;
        }
        if (first < Earliest || first > Latest)
        {
            error = ("from", $"must be from {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}");
            return false;
        }
        if (first > last || last.DayNumber - first.DayNumber >= MaxDays)
        {
            error = ("from", $"must be on or before 'to' and at most {MaxDays} days earlier");
            return false;
        }
        var compare = q["compare"].FirstOrDefault() ?? "previous";
        if (compare is not ("previous" or "year"))
        {
            error = ("compare", "must be previous (the period before) or year (the same days a year earlier)");
            return false;
        }
        var period = new TrendPeriod(first, last.AddDays(1), bucket, zone);
        query = new TrendQuery(scope, period, period.Previous(compare == "year"), q["format"].FirstOrDefault() == "csv");
        return true;
    }

    private static bool TryDate(string? text, DateOnly fallback, out DateOnly date)
    {
        date = fallback;
        return text is null || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
