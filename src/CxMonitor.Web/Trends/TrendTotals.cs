using CxMonitor.Core.Metrics;
using CxMonitor.Influx;
using CxMonitor.Influx.Query;
using CxMonitor.Web.Data;
using CxMonitor.Web.Metrics;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Trends;

/// <summary>Totals per local day (and per dimension value) from the hourly rollups, which
/// InfluxDB sums into the zone's calendar days itself (<c>GROUP BY time(1d) tz(…)</c>). Where a
/// local midnight falls inside a UTC hour (Asia/Kolkata, America/St_Johns, Asia/Kathmandu…), that
/// hour is split from its raw points (<see cref="OffHourDays"/>), so days are exact in every zone.</summary>
public sealed class TrendTotals(InfluxDBClient influx, IOptions<InfluxStorageOptions> storage)
{
    public static readonly string[] Dimensions = ["site", "channel", "touchpoint"];

    /// <summary>Per local day: ratings and reviews of the scope.</summary>
    public async Task<Dictionary<DateOnly, SatisfactionTotals>> ByDayAsync(SatisfactionScope scope, TrendPeriod period, CancellationToken ct)
    {
        if (!OffHourDays.AnyIn(period))
            return Sum(await QueryAsync(scope, period.StartInstant, period.EndInstant, raw: false, "time(1d)", period.Zone, true, ct), period.Zone);
        var from = CellReader.Floor(period.StartInstant);
        var to = CellReader.Ceiling(period.EndInstant);
        var hours = Sum(await QueryAsync(scope, from, to, raw: false, "time(1h)", null, true, ct));
        return await OffHourDays.SplitAsync(period, hours, (hour, bucket) =>
            QueryAsync(scope, hour, hour.AddHours(1), raw: true, $"time({(long)bucket.TotalSeconds}s)", null, true, ct), ct);
    }

    /// <summary>Per value of a dimension over the whole period; a period edge inside an hour is
    /// read from raw points up to the hour.</summary>
    public async Task<Dictionary<string, SatisfactionTotals>> ByDimensionAsync(string dimension, TrendPeriod period, CancellationToken ct)
    {
        var (start, end) = (period.StartInstant, period.EndInstant);
        var (wholeFrom, wholeTo) = (CellReader.Ceiling(start), CellReader.Floor(end));
        var group = InfluxQL.QuoteIdentifier(dimension);
        var reviewsToo = dimension == "site";
        var parts = new List<(InfluxSeries, bool)>();
        if (wholeFrom >= wholeTo)
        {
            parts.AddRange(await QueryAsync(SatisfactionScope.All, start, end, raw: true, group, null, reviewsToo, ct));
        }
        else
        {
            parts.AddRange(await QueryAsync(SatisfactionScope.All, wholeFrom, wholeTo, raw: false, group, null, reviewsToo, ct));
            if (start < wholeFrom)
                parts.AddRange(await QueryAsync(SatisfactionScope.All, start, wholeFrom, raw: true, group, null, reviewsToo, ct));
            if (wholeTo < end)
                parts.AddRange(await QueryAsync(SatisfactionScope.All, wholeTo, end, raw: true, group, null, reviewsToo, ct));
        }
        var values = new Dictionary<string, SatisfactionTotals>(StringComparer.Ordinal);
        foreach (var (series, reviews) in parts)
        {
            var key = series.Tag(dimension) ?? string.Empty;
            if (key.Length == 0)
                continue;
            for (var r = 0; r < series.Rows.Count; r++)
                Add(values, key, Totals(series, r, reviews));
        }
        return values;
    }

    internal static void Add<TKey>(Dictionary<TKey, SatisfactionTotals> into, TKey key, SatisfactionTotals totals) where TKey : notnull =>
        into[key] = into.TryGetValue(key, out var existing) ? existing + totals : totals;

    /// <summary>Rows of time-grouped series, summed per row start.</summary>
    internal static Dictionary<DateTimeOffset, SatisfactionTotals> Sum(List<(InfluxSeries Series, bool Reviews)> parts)
    {
        var result = new Dictionary<DateTimeOffset, SatisfactionTotals>();
        foreach (var (series, reviews) in parts)
        {
            for (var r = 0; r < series.Rows.Count; r++)
                Add(result, series.GetTime(r)!.Value, Totals(series, r, reviews));
        }
        return result;
    }

    private static Dictionary<DateOnly, SatisfactionTotals> Sum(List<(InfluxSeries, bool)> parts, TimeZoneInfo zone)
    {
        var days = new Dictionary<DateOnly, SatisfactionTotals>();
        foreach (var (start, totals) in Sum(parts))
            Add(days, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, zone).DateTime), totals);
        return days;
    }

    private async Task<List<(InfluxSeries Series, bool Reviews)>> QueryAsync(
        SatisfactionScope scope, DateTimeOffset from, DateTimeOffset to, bool raw, string groupBy, TimeZoneInfo? zone, bool reviewsToo, CancellationToken ct)
    {
        var db = raw ? storage.Value.Database : storage.Value.RollupDatabase;
        var tz = InfluxQL.Raw(zone is null ? string.Empty : $" tz({InfluxQL.QuoteString(zone.Id)})");
        var filter = InfluxQL.Raw(SeriesQuery.ScopeFilter(scope));
        var group = InfluxQL.Raw(groupBy);
        var api = influx.GetQueryApi();
        var results = new List<(InfluxSeries, bool)>();
        var (ratingFields, ratingMeasurement) = raw ? (SatisfactionQueries.RawRatingFields, "rating") : (SatisfactionQueries.RollupRatingFields, SatisfactionQueries.RatingRollup);
        var ratings = InfluxQL.Format($"SELECT {InfluxQL.Raw(ratingFields)} FROM {InfluxQL.Id(ratingMeasurement)} WHERE time >= {from} AND time < {to}{filter} GROUP BY {group} fill(none){tz}");
        results.AddRange((await api.QuerySeriesAsync(ratings, db, ct)).Select(s => (s, false)));
        // Reviews carry a site but no channel or touchpoint.
        if (reviewsToo && scope.Kind is "all" or "site")
        {
            var reviews = InfluxQL.Format($"SELECT {InfluxQL.Raw(SatisfactionQueries.ReviewFields)} FROM {InfluxQL.Id(raw ? "review" : SatisfactionQueries.ReviewRollup)} WHERE time >= {from} AND time < {to}{filter} GROUP BY {group} fill(none){tz}");
            results.AddRange((await api.QuerySeriesAsync(reviews, db, ct)).Select(s => (s, true)));
        }
        return results;
    }

    private static SatisfactionTotals Totals(InfluxSeries series, int row, bool reviews)
    {
        var cells = new Dictionary<SatisfactionCell, SatisfactionTotals>();
        SatisfactionQueries.AddTo(cells, [new InfluxSeries(series.Name, new Dictionary<string, string>(), series.Columns, [series.Rows[row]])], reviews);
        return cells.Values.FirstOrDefault() ?? SatisfactionTotals.Empty;
    }
}
