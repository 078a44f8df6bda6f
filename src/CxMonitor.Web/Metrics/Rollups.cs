using CxMonitor.Influx;
using CxMonitor.Influx.Query;
using CxMonitor.Influx.Write;
using CxMonitor.Web.Data;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Metrics;

/// <summary>Writes hourly (and daily) rollups of counts and sums, stamped with their period's
/// start and keeping the tags, so a re-run overwrites instead of duplicating (influxdb.md).</summary>
public sealed class Rollups(InfluxDBClient influx, IOptions<InfluxStorageOptions> storage, RollupCache cache)
{
    private static readonly string[] RatingSums = [.. CountedFields.Ratings.Where(f => !f.IsFloat).Select(f => f.Name)];
    private static readonly string[] RatingFloatSums = [.. CountedFields.Ratings.Where(f => f.IsFloat).Select(f => f.Name)];
    private static readonly string[] ReviewSums = [.. CountedFields.Reviews.Where(f => !f.IsFloat).Select(f => f.Name)];
    private static readonly string[] ReviewFloatSums = [.. CountedFields.Reviews.Where(f => f.IsFloat).Select(f => f.Name)];

    /// <summary>The raw scan of a rollup, nearly all of its cost: every rating point in [from, to)
    /// summed per hour and cell.</summary>
    public static InfluxQuery HourlyRatings(DateTimeOffset from, DateTimeOffset to) =>
        InfluxQL.Format($"SELECT {InfluxQL.Raw(SatisfactionQueries.RawRatingFields)} FROM rating WHERE time >= {from} AND time < {to} GROUP BY time(1h), site, channel, touchpoint fill(none)");

    /// <summary>Rolls up the hours in [from, to) (whole hours) and the days they touch.</summary>
    public async Task<int> RollUpAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        from = CellReader.Floor(from);
        to = CellReader.Ceiling(to);
        var raw = storage.Value.Database;
        var rollupDb = storage.Value.RollupDatabase;
        var api = influx.GetQueryApi();
        var ratingQuery = HourlyRatings(from, to);
        var reviewQuery = InfluxQL.Format($"SELECT {InfluxQL.Raw(SatisfactionQueries.ReviewFields)} FROM review WHERE time >= {from} AND time < {to} GROUP BY time(1h), site fill(none)");
        var points = new List<PointData>();
        points.AddRange(ToPoints(await api.QuerySeriesAsync(ratingQuery, raw, ct), SatisfactionQueries.RatingRollup, RatingSums, RatingFloatSums));
        points.AddRange(ToPoints(await api.QuerySeriesAsync(reviewQuery, raw, ct), SatisfactionQueries.ReviewRollup, ReviewSums, ReviewFloatSums));
        if (points.Count > 0)
            await influx.GetWriteApiAsync().WritePointsAsync(points, rollupDb, ct: ct);

        // Daily rollups (UTC days) from the hourly ones, for the days these hours belong to.
        var dayFrom = new DateTimeOffset(from.UtcDateTime.Date, TimeSpan.Zero);
        var dayTo = new DateTimeOffset(to.UtcDateTime.Date, TimeSpan.Zero).AddDays(to.UtcDateTime.TimeOfDay == TimeSpan.Zero ? 0 : 1);
        var daily = new List<PointData>();
        var dailyRatings = InfluxQL.Format($"SELECT {InfluxQL.Raw(SatisfactionQueries.RollupRatingFields)} FROM {InfluxQL.Id(SatisfactionQueries.RatingRollup)} WHERE time >= {dayFrom} AND time < {dayTo} GROUP BY time(1d), site, channel, touchpoint fill(none)");
        var dailyReviews = InfluxQL.Format($"SELECT {InfluxQL.Raw(SatisfactionQueries.ReviewFields)} FROM {InfluxQL.Id(SatisfactionQueries.ReviewRollup)} WHERE time >= {dayFrom} AND time < {dayTo} GROUP BY time(1d), site fill(none)");
        daily.AddRange(ToPoints(await api.QuerySeriesAsync(dailyRatings, rollupDb, ct), SatisfactionQueries.RatingDaily, RatingSums, RatingFloatSums));
        daily.AddRange(ToPoints(await api.QuerySeriesAsync(dailyReviews, rollupDb, ct), SatisfactionQueries.ReviewDaily, ReviewSums, ReviewFloatSums));
        if (daily.Count > 0)
            await influx.GetWriteApiAsync().WritePointsAsync(daily, rollupDb, ct: ct);
        cache.Invalidate(from, to);
        return points.Count + daily.Count;
    }

    private static IEnumerable<PointData> ToPoints(IReadOnlyList<InfluxSeries> series, string measurement, string[] longs, string[] doubles)
    {
        foreach (var s in series)
        {
            for (var r = 0; r < s.Rows.Count; r++)
            {
                if ((s.GetLong(r, "n") ?? 0) == 0)
                    continue;
                var p = PointData.Measurement(measurement).Timestamp(s.GetTime(r)!.Value);
                foreach (var (key, value) in s.Tags)
                    p.Tag(key, value.Length == 0 ? null : value);
                foreach (var f in longs)
                    p.Field(f, s.GetLong(r, f) ?? 0);
                foreach (var f in doubles)
                    p.Field(f, s.GetDouble(r, f) ?? 0);
                yield return p;
            }
        }
    }
}
