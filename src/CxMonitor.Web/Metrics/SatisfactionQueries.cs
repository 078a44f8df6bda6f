using CxMonitor.Core.Metrics;
using CxMonitor.Influx.Query;

namespace CxMonitor.Web.Metrics;

/// <summary>Where totals are read from: raw points, hourly or daily rollups.</summary>
public enum Grain
{
    Raw,
    Hour,
    Day,
}

/// <summary>The InfluxQL the jobs run: counts and sums grouped by cell, computed by InfluxDB,
/// never raw points loaded into the app. Raw and hourly-rollup measurements carry the same
/// field names, so one reader serves both.</summary>
public static class SatisfactionQueries
{
    public const string RatingRollup = "rating_1h";
    public const string ReviewRollup = "review_1h";
    public const string RatingDaily = "rating_1d";
    public const string ReviewDaily = "review_1d";

    /// <summary>Counts and sums of raw rating points, named as the rollups store them.</summary>
    public static readonly string RawRatingFields = CountedFields.RawSelect(CountedFields.Ratings);

    public static readonly string RollupRatingFields = CountedFields.RollupSelect(CountedFields.Ratings);

    /// <summary>Review points carry their figures under the rollup names, so one list serves raw
    /// points and rollups.</summary>
    public static readonly string ReviewFields = CountedFields.RollupSelect(CountedFields.Reviews);

    public static InfluxQuery Ratings(DateTimeOffset from, DateTimeOffset to, Grain grain, IReadOnlyCollection<string>? sites = null) =>
        InfluxQL.Format($"SELECT {InfluxQL.Raw(grain == Grain.Raw ? RawRatingFields : RollupRatingFields)} FROM {InfluxQL.Id(grain switch { Grain.Hour => RatingRollup, Grain.Day => RatingDaily, _ => "rating" })} WHERE time >= {from} AND time < {to}{SiteFilter(sites)} GROUP BY site, channel, touchpoint");

    public static InfluxQuery Reviews(DateTimeOffset from, DateTimeOffset to, Grain grain, IReadOnlyCollection<string>? sites = null) =>
        InfluxQL.Format($"SELECT {InfluxQL.Raw(ReviewFields)} FROM {InfluxQL.Id(grain switch { Grain.Hour => ReviewRollup, Grain.Day => ReviewDaily, _ => "review" })} WHERE time >= {from} AND time < {to}{SiteFilter(sites)} GROUP BY site");

    /// <summary>Adds a query result to per-cell totals (reviews have no channel or touchpoint).</summary>
    public static void AddTo(Dictionary<SatisfactionCell, SatisfactionTotals> cells, IReadOnlyList<InfluxSeries> series, bool reviews)
    {
        foreach (var s in series)
        {
            for (var r = 0; r < s.Rows.Count; r++)
            {
                var cell = new SatisfactionCell(s.Tag("site") ?? string.Empty, reviews ? string.Empty : s.Tag("channel") ?? string.Empty, reviews ? string.Empty : s.Tag("touchpoint") ?? string.Empty);
                var totals = reviews ? ReviewTotals(s, r) : RatingTotals(s, r);
                cells[cell] = cells.TryGetValue(cell, out var existing) ? existing + totals : totals;
            }
        }
    }

    private static SatisfactionTotals RatingTotals(InfluxSeries s, int r) => CountedFields.FromRow(CountedFields.Ratings, s, r);

    private static SatisfactionTotals ReviewTotals(InfluxSeries s, int r) => CountedFields.FromRow(CountedFields.Reviews, s, r);

    private static InfluxRaw SiteFilter(IReadOnlyCollection<string>? sites) =>
        InfluxQL.Raw(sites is null ? string.Empty : $" AND site =~ {InfluxQL.RegexOf(sites)}");
}
