using System.Globalization;
using CxMonitor.Influx;
using CxMonitor.Influx.Query;

namespace CxMonitor.Web.Tests.Metrics;

/// <summary>Sums of the raw points against the hourly and daily rollups, hour by hour and UTC day
/// by day, computed by InfluxDB on both sides: a missing, short or doubled rollup shows as a
/// difference.</summary>
public static class RollupAgreement
{
    private const string RawRatings = "count(score) AS n, sum(sat) AS sat, sum(dis) AS dis, sum(prom) AS prom, sum(det) AS det, sum(norm) AS norm";
    private const string RolledRatings = "sum(n) AS n, sum(sat) AS sat, sum(dis) AS dis, sum(prom) AS prom, sum(det) AS det, sum(norm_sum) AS norm";
    private const string Reviews = "sum(n) AS n, sum(stars) AS stars, sum(neg) AS neg";

    /// <summary>Raw ratings per hour of [from, to), as "n=… sat=… …".</summary>
    public static async Task<Dictionary<DateTimeOffset, string>> RawHoursAsync(InfluxDBClient influx, string db, DateTimeOffset from, DateTimeOffset to) =>
        await SumsAsync(influx, db, "rating", RawRatings, "1h", from, to);

    /// <summary>Null when every hour and every UTC day of [from, to) agrees, otherwise what differs.</summary>
    public static async Task<string?> DifferenceAsync(InfluxDBClient influx, string db, DateTimeOffset from, DateTimeOffset to)
    {
        var dayFrom = new DateTimeOffset(from.UtcDateTime.Date, TimeSpan.Zero);
        var dayTo = new DateTimeOffset(to.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
        var rollups = db + "_rollups";
        var differences = new List<string>();
        Compare("rating hours", await SumsAsync(influx, db, "rating", RawRatings, "1h", from, to), await SumsAsync(influx, rollups, "rating_1h", RolledRatings, "1h", from, to), differences);
        Compare("rating days", await SumsAsync(influx, db, "rating", RawRatings, "1d", dayFrom, dayTo), await SumsAsync(influx, rollups, "rating_1d", RolledRatings, "1d", dayFrom, dayTo), differences);
        Compare("review hours", await SumsAsync(influx, db, "review", Reviews, "1h", from, to), await SumsAsync(influx, rollups, "review_1h", Reviews, "1h", from, to), differences);
        Compare("review days", await SumsAsync(influx, db, "review", Reviews, "1d", dayFrom, dayTo), await SumsAsync(influx, rollups, "review_1d", Reviews, "1d", dayFrom, dayTo), differences);
        return differences.Count == 0 ? null : string.Join("\n", differences);
    }

    /// <summary>Polls <see cref="DifferenceAsync"/> until it is null or the time is up; returns the last difference.</summary>
    public static async Task<string?> WaitForAgreementAsync(InfluxDBClient influx, string db, DateTimeOffset from, DateTimeOffset to, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? difference;
        while ((difference = await DifferenceAsync(influx, db, from, to)) is not null && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        return difference;
    }

    private static void Compare(string what, Dictionary<DateTimeOffset, string> raw, Dictionary<DateTimeOffset, string> rolled, List<string> differences)
    {
        foreach (var time in raw.Keys.Union(rolled.Keys).Order())
        {
            var r = raw.GetValueOrDefault(time, "none");
            var u = rolled.GetValueOrDefault(time, "none");
            if (r != u)
                differences.Add($"{what} {time:u}: raw {r}, rollup {u}");
        }
    }

    private static async Task<Dictionary<DateTimeOffset, string>> SumsAsync(
        InfluxDBClient influx, string db, string measurement, string fields, string unit, DateTimeOffset from, DateTimeOffset to)
    {
        var query = InfluxQL.Format($"SELECT {InfluxQL.Raw(fields)} FROM {InfluxQL.Id(measurement)} WHERE time >= {from} AND time < {to} GROUP BY time({InfluxQL.Raw(unit)}) fill(none)");
        var result = new Dictionary<DateTimeOffset, string>();
        foreach (var series in await influx.GetQueryApi().QuerySeriesAsync(query, db))
        {
            for (var row = 0; row < series.Rows.Count; row++)
            {
                // A sum over no values is null in raw points and 0 in a rollup: the same thing.
                var values = series.Columns.Skip(1).Select(c => $"{c}={(series.GetDouble(row, c) ?? 0).ToString("0.###", CultureInfo.InvariantCulture)}");
                result[series.GetTime(row)!.Value] = string.Join(' ', values);
            }
        }
        return result;
    }
}
