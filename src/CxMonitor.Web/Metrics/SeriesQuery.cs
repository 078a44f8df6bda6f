using CxMonitor.Core.Metrics;
using CxMonitor.Influx;
using CxMonitor.Influx.Query;
using CxMonitor.Web.Data;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Metrics;

/// <summary>One point of a metric's time series, with the sample size behind it.</summary>
public sealed record SeriesPoint(DateTimeOffset Time, double? Value, double? Low, double? High, long N);

/// <summary>A metric of one scope over time, read from hourly rollups for long ranges and
/// coarse steps and from raw points otherwise; per-bucket figures use the same math as snapshots.</summary>
public sealed class SeriesQuery(InfluxDBClient influx, IOptions<InfluxStorageOptions> storage, IOptions<MetricsOptions> options)
{
    public static readonly string[] Metrics = ["csat", "nps", "norm", "ces", "stars", "sentiment", "volume", "negatives"];

    public async Task<IReadOnlyList<SeriesPoint>> GetAsync(string metric, SatisfactionScope scope, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken ct)
    {
        var useRollups = step >= TimeSpan.FromHours(1) && step.Ticks % TimeSpan.TicksPerHour == 0 && to - from > TimeSpan.FromHours(48);
        var db = useRollups ? storage.Value.RollupDatabase : storage.Value.Database;
        var reviews = metric is "stars" or "sentiment";
        if (reviews && scope.Kind is not ("all" or "site"))
            return []; // reviews carry no channel or touchpoint
        var fields = reviews ? SatisfactionQueries.ReviewFields
            : useRollups ? SatisfactionQueries.RollupRatingFields : SatisfactionQueries.RawRatingFields;
        var measurement = reviews ? (useRollups ? SatisfactionQueries.ReviewRollup : "review") : (useRollups ? SatisfactionQueries.RatingRollup : "rating");
        var query = InfluxQL.Format($"SELECT {InfluxQL.Raw(fields)} FROM {InfluxQL.Id(measurement)} WHERE time >= {from} AND time < {to}{InfluxQL.Raw(ScopeFilter(scope))} GROUP BY time({step}) fill(none)");
        var series = await influx.GetQueryApi().QuerySeriesAsync(query, db, ct);
        var points = new List<SeriesPoint>();
        foreach (var s in series)
        {
            for (var r = 0; r < s.Rows.Count; r++)
            {
                var cells = new Dictionary<SatisfactionCell, SatisfactionTotals>();
                SatisfactionQueries.AddTo(cells, [new InfluxSeries(s.Name, new Dictionary<string, string>(), s.Columns, [s.Rows[r]])], reviews);
                var totals = cells.Values.FirstOrDefault() ?? SatisfactionTotals.Empty;
                points.Add(ToPoint(metric, s.GetTime(r)!.Value, totals, options.Value.MinimumN));
            }
        }
        return points;
    }

    internal static SeriesPoint ToPoint(string metric, DateTimeOffset time, SatisfactionTotals t, int minimumN)
    {
        var s = SatisfactionSnapshot.From(t, null, minimumN);
        return metric switch
        {
            "csat" => new(time, s.Csat, s.CsatInterval?.Low, s.CsatInterval?.High, t.CsatRatings),
            "nps" => new(time, s.Nps, s.NpsInterval?.Low, s.NpsInterval?.High, t.NpsRatings),
            "norm" => new(time, s.MeanNorm, null, null, t.Ratings),
            "ces" => new(time, s.CesMean, null, null, t.CesRatings),
            "stars" => new(time, s.StarsMean, null, null, t.StarredReviews),
            "sentiment" => new(time, s.SentimentMean, null, null, t.SentimentCount),
            "negatives" => new(time, s.Negatives, null, null, t.Ratings + t.Reviews),
            _ => new(time, t.Ratings, null, null, t.Ratings),
        };
    }

    internal static string ScopeFilter(SatisfactionScope scope)
    {
        string Eq(string tag, string value) => $" AND {InfluxQL.QuoteIdentifier(tag)} = {InfluxQL.QuoteString(value)}";
        return scope.Kind switch
        {
            "site" => Eq("site", scope.Value),
            "channel" => Eq("channel", scope.Value),
            "touchpoint" => Eq("touchpoint", scope.Value),
            "site-touchpoint" => Eq("site", scope.Value.Split('/')[0]) + Eq("touchpoint", scope.Value.Split('/')[1]),
            _ => string.Empty,
        };
    }
}
