using CxMonitor.Core.Text;
using CxMonitor.Influx;
using CxMonitor.Influx.Query;
using CxMonitor.Web.Data;
using CxMonitor.Web.Ingest;
using CxMonitor.Web.Metrics;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Trends;

/// <summary>One rating behind a chart point (without its customer id).</summary>
public sealed record TrendRating(
    DateTimeOffset Time, string Site, string? Channel, string? Touchpoint, string Scale, long Score, bool Dissatisfied,
    string? Comment, string? Reasons, string? Language);

public sealed record DriverCount(string Key, int Count, double Share);

/// <summary>What drives dissatisfaction in a scope: reason codes of dissatisfied ratings and the
/// words of their comments and of negative reviews.</summary>
public sealed record Drivers(long NegativeRatings, long NegativeReviews, IReadOnlyList<DriverCount> Reasons, IReadOnlyList<DriverCount> Topics, IReadOnlyList<DriverCount> Words);

/// <summary>Reads individual ratings and comments for drill-down and drivers: bounded queries
/// of the raw points of one scope and range, never a whole database.</summary>
public sealed class TrendDetails(InfluxDBClient influx, IOptions<InfluxStorageOptions> storage, ReviewSignals signals)
{
    public const int MaxRatings = 1000;
    private const int MaxNegatives = 20_000;

    public async Task<IReadOnlyList<TrendRating>> RatingsAsync(SatisfactionScope scope, DateTimeOffset from, DateTimeOffset to, bool negativeOnly, int limit, CancellationToken ct)
    {
        var negative = InfluxQL.Raw(negativeOnly ? " AND dis = 1" : string.Empty);
        var query = InfluxQL.Format($"SELECT score, dis, comment, reasons, language FROM rating WHERE time >= {from} AND time < {to}{InfluxQL.Raw(SeriesQuery.ScopeFilter(scope))}{negative} GROUP BY site, channel, touchpoint, scale ORDER BY time DESC LIMIT {Math.Clamp(limit, 1, MaxRatings)}");
        var ratings = new List<TrendRating>();
        foreach (var s in await influx.GetQueryApi().QuerySeriesAsync(query, storage.Value.Database, ct))
        {
            for (var r = 0; r < s.Rows.Count; r++)
            {
                ratings.Add(new TrendRating(s.GetTime(r)!.Value, s.Tag("site") ?? "", Empty(s.Tag("channel")), Empty(s.Tag("touchpoint")), s.Tag("scale") ?? "",
                    s.GetLong(r, "score") ?? 0, (s.GetLong(r, "dis") ?? 0) == 1, Empty(Masked(s.GetString(r, "comment"))), Empty(s.GetString(r, "reasons")), Empty(s.GetString(r, "language"))));
            }
        }
        return ratings.OrderByDescending(r => r.Time).Take(Math.Clamp(limit, 1, MaxRatings)).ToArray();
    }

    public async Task<Drivers> DriversAsync(SatisfactionScope scope, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var filter = InfluxQL.Raw(SeriesQuery.ScopeFilter(scope));
        var api = influx.GetQueryApi();
        var texts = new List<string>();
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var topics = new Dictionary<string, int>(StringComparer.Ordinal);
        long ratings = 0, reviews = 0;
        var ratingQuery = InfluxQL.Format($"SELECT dis, reasons, comment FROM rating WHERE time >= {from} AND time < {to}{filter} AND dis = 1 LIMIT {MaxNegatives}");
        foreach (var s in await api.QuerySeriesAsync(ratingQuery, storage.Value.Database, ct))
        {
            for (var r = 0; r < s.Rows.Count; r++)
            {
                ratings++;
                foreach (var code in (s.GetString(r, "reasons") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    reasons[code] = reasons.GetValueOrDefault(code) + 1;
                if (s.GetString(r, "comment") is { Length: > 0 } comment)
                {
                    texts.Add(comment);
                    Count(topics, signals.Topics.Of(comment));
                }
            }
        }
        if (scope.Kind is "all" or "site")
        {
            var reviewQuery = InfluxQL.Format($"SELECT neg, title, \"text\", topics FROM review WHERE time >= {from} AND time < {to}{filter} AND neg = 1 LIMIT {MaxNegatives}");
            foreach (var s in await api.QuerySeriesAsync(reviewQuery, storage.Value.Database, ct))
            {
                for (var r = 0; r < s.Rows.Count; r++)
                {
                    reviews++;
                    var text = $"{s.GetString(r, "title")} {s.GetString(r, "text")}";
                    texts.Add(text);
                    // Reviews stored before text signals existed have no topics field yet.
                    Count(topics, s.GetString(r, "topics") is { Length: > 0 } stored ? stored.Split(',') : signals.Topics.Of(text));
                }
            }
        }
        var reasonRows = reasons.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(15)
            .Select(p => new DriverCount(p.Key, p.Value, ratings == 0 ? 0 : (double)p.Value / ratings)).ToArray();
        var negatives = ratings + reviews;
        var topicRows = topics.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new DriverCount(p.Key, p.Value, negatives == 0 ? 0 : (double)p.Value / negatives)).ToArray();
        var wordRows = NegativeWords.Top(texts, 25)
            .Select(w => new DriverCount(w.Word, w.Count, texts.Count == 0 ? 0 : (double)w.Count / texts.Count)).ToArray();
        return new Drivers(ratings, reviews, reasonRows, topicRows, wordRows);
    }

    private static void Count(Dictionary<string, int> counts, IEnumerable<string> keys)
    {
        foreach (var key in keys)
            counts[key] = counts.GetValueOrDefault(key) + 1;
    }

    private static string? Masked(string? text) => CxMonitor.Web.Access.PersonalData.Mask(text);

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
