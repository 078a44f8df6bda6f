using CxMonitor.Core.Metrics;
using CxMonitor.Influx;
using CxMonitor.Influx.Query;
using CxMonitor.Web.Data;
using CxMonitor.Web.Metrics;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Trends;

/// <summary>Totals per local day (and per dimension value) from the hourly rollups, which
/// InfluxDB sums into the zone's calendar days itself (<c>GROUP BY time(1d) tz(…)</c>).</summary>
public sealed class TrendTotals(InfluxDBClient influx, IOptions<InfluxStorageOptions> storage)
{
    public static readonly string[] Dimensions = ["site", "channel", "touchpoint"];

    /// <summary>Per local day: ratings and reviews of the scope.</summary>
    public async Task<Dictionary<DateOnly, SatisfactionTotals>> ByDayAsync(SatisfactionScope scope, TrendPeriod period, CancellationToken ct)
    {
        var days = new Dictionary<DateOnly, SatisfactionTotals>();
        foreach (var (series, reviews) in await QueryAsync(scope, period, "time(1d)", ct))
        {
            for (var r = 0; r < series.Rows.Count; r++)
            {
                var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(series.GetTime(r)!.Value, period.Zone).DateTime);
                var totals = Totals(series, r, reviews);
                days[day] = days.TryGetValue(day, out var existing) ? existing + totals : totals;
            }
        }
        return days;
    }

    /// <summary>Per value of a dimension over the whole period.</summary>
    public async Task<Dictionary<string, SatisfactionTotals>> ByDimensionAsync(string dimension, TrendPeriod period, CancellationToken ct)
    {
        var values = new Dictionary<string, SatisfactionTotals>(StringComparer.Ordinal);
        foreach (var (series, reviews) in await QueryAsync(SatisfactionScope.All, period, InfluxQL.QuoteIdentifier(dimension), ct, reviewsToo: dimension == "site"))
        {
            var key = series.Tag(dimension) ?? string.Empty;
            if (key.Length == 0)
                continue;
            for (var r = 0; r < series.Rows.Count; r++)
            {
                var totals = Totals(series, r, reviews);
                values[key] = values.TryGetValue(key, out var existing) ? existing + totals : totals;
            }
        }
        return values;
    }

    private async Task<List<(InfluxSeries, bool)>> QueryAsync(SatisfactionScope scope, TrendPeriod period, string groupBy, CancellationToken ct, bool reviewsToo = true)
    {
        var db = storage.Value.RollupDatabase;
        var tz = InfluxQL.Raw(groupBy.StartsWith("time(", StringComparison.Ordinal) ? $" tz({InfluxQL.QuoteString(period.Zone.Id)})" : string.Empty);
        var filter = InfluxQL.Raw(SeriesQuery.ScopeFilter(scope));
        var group = InfluxQL.Raw(groupBy);
        var api = influx.GetQueryApi();
        var results = new List<(InfluxSeries, bool)>();
        var ratings = InfluxQL.Format($"SELECT {InfluxQL.Raw(SatisfactionQueries.RollupRatingFields)} FROM {InfluxQL.Id(SatisfactionQueries.RatingRollup)} WHERE time >= {period.StartInstant} AND time < {period.EndInstant}{filter} GROUP BY {group} fill(none){tz}");
        results.AddRange((await api.QuerySeriesAsync(ratings, db, ct)).Select(s => (s, false)));
        // Reviews carry a site but no channel or touchpoint.
        if (reviewsToo && scope.Kind is "all" or "site")
        {
            var reviews = InfluxQL.Format($"SELECT {InfluxQL.Raw(SatisfactionQueries.ReviewFields)} FROM {InfluxQL.Id(SatisfactionQueries.ReviewRollup)} WHERE time >= {period.StartInstant} AND time < {period.EndInstant}{filter} GROUP BY {group} fill(none){tz}");
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
