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
    public const string RawRatingFields =
        "count(score) AS n, sum(sat) AS sat, sum(dis) AS dis, sum(csat_n) AS csat_n, sum(csat_sat) AS csat_sat, "
        + "sum(nps_n) AS nps_n, sum(prom) AS prom, sum(det) AS det, sum(norm) AS norm_sum, count(ces) AS ces_n, sum(ces) AS ces_sum";

    public const string RollupRatingFields =
        "sum(n) AS n, sum(sat) AS sat, sum(dis) AS dis, sum(csat_n) AS csat_n, sum(csat_sat) AS csat_sat, "
        + "sum(nps_n) AS nps_n, sum(prom) AS prom, sum(det) AS det, sum(norm_sum) AS norm_sum, sum(ces_n) AS ces_n, sum(ces_sum) AS ces_sum";

    public const string ReviewFields = "sum(n) AS n, sum(starred) AS starred, sum(stars) AS stars, sum(neg) AS neg, sum(sentiment) AS sentiment, sum(scored) AS scored";

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

    private static SatisfactionTotals RatingTotals(InfluxSeries s, int r) => new()
    {
        Ratings = L(s, r, "n"),
        CsatRatings = L(s, r, "csat_n"),
        CsatSatisfied = L(s, r, "csat_sat"),
        NpsRatings = L(s, r, "nps_n"),
        Promoters = L(s, r, "prom"),
        Detractors = L(s, r, "det"),
        NormSum = s.GetDouble(r, "norm_sum") ?? 0,
        CesRatings = L(s, r, "ces_n"),
        CesSum = s.GetDouble(r, "ces_sum") ?? 0,
        Dissatisfied = L(s, r, "dis"),
    };

    private static SatisfactionTotals ReviewTotals(InfluxSeries s, int r) => new()
    {
        Reviews = L(s, r, "n"),
        StarredReviews = L(s, r, "starred"),
        StarsSum = s.GetDouble(r, "stars") ?? 0,
        NegativeReviews = L(s, r, "neg"),
        SentimentSum = s.GetDouble(r, "sentiment") ?? 0,
        SentimentCount = L(s, r, "scored"),
    };

    private static long L(InfluxSeries s, int r, string column) => s.GetLong(r, column) ?? 0;

    private static InfluxRaw SiteFilter(IReadOnlyCollection<string>? sites) =>
        InfluxQL.Raw(sites is null ? string.Empty : $" AND site =~ {InfluxQL.RegexOf(sites)}");
}
