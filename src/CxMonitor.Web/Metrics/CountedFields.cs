using CxMonitor.Core.Metrics;
using CxMonitor.Influx.Query;

namespace CxMonitor.Web.Metrics;

public enum Aggregate
{
    /// <summary>How many points carry the field (a rating has a CES only on the ces7 scale).</summary>
    Count,

    /// <summary>The sum of the field over the points.</summary>
    Sum,
}

/// <summary>One figure counted per cell: its name in rollups and query results, the raw point
/// field it aggregates, and where it lives in <see cref="SatisfactionTotals"/> (none for figures
/// the rollups keep for later use).</summary>
public sealed record CountedField(
    string Name,
    string PointField,
    Aggregate Aggregate,
    bool IsFloat,
    Func<SatisfactionTotals, double, SatisfactionTotals>? With = null);

/// <summary>The one owner of the counted fields: the raw query, the rollups, the memory fed at
/// ingest and its warm-up all derive from these tables, and memory reads a rating's figures from
/// the very fields its point is written with (<see cref="FromPoint"/>), so memory and InfluxDB
/// cannot drift apart.</summary>
public static class CountedFields
{
    public static readonly IReadOnlyList<CountedField> Ratings =
    [
        new("n", "score", Aggregate.Count, false, (t, v) => t with { Ratings = (long)v }),
        new("sat", "sat", Aggregate.Sum, false),
        new("dis", "dis", Aggregate.Sum, false, (t, v) => t with { Dissatisfied = (long)v }),
        new("csat_n", "csat_n", Aggregate.Sum, false, (t, v) => t with { CsatRatings = (long)v }),
        new("csat_sat", "csat_sat", Aggregate.Sum, false, (t, v) => t with { CsatSatisfied = (long)v }),
        new("nps_n", "nps_n", Aggregate.Sum, false, (t, v) => t with { NpsRatings = (long)v }),
        new("prom", "prom", Aggregate.Sum, false, (t, v) => t with { Promoters = (long)v }),
        new("det", "det", Aggregate.Sum, false, (t, v) => t with { Detractors = (long)v }),
        new("norm_sum", "norm", Aggregate.Sum, true, (t, v) => t with { NormSum = v }),
        new("ces_n", "ces", Aggregate.Count, false, (t, v) => t with { CesRatings = (long)v }),
        new("ces_sum", "ces", Aggregate.Sum, true, (t, v) => t with { CesSum = v }),
    ];

    public static readonly IReadOnlyList<CountedField> Reviews =
    [
        new("n", "n", Aggregate.Sum, false, (t, v) => t with { Reviews = (long)v }),
        new("starred", "starred", Aggregate.Sum, false, (t, v) => t with { StarredReviews = (long)v }),
        new("stars", "stars", Aggregate.Sum, false, (t, v) => t with { StarsSum = v }),
        new("neg", "neg", Aggregate.Sum, false, (t, v) => t with { NegativeReviews = (long)v }),
        new("scored", "scored", Aggregate.Sum, false, (t, v) => t with { SentimentCount = (long)v }),
        new("sentiment", "sentiment", Aggregate.Sum, true, (t, v) => t with { SentimentSum = v }),
    ];

    /// <summary>The SELECT list over raw points, named as the rollups store the figures.</summary>
    public static string RawSelect(IReadOnlyList<CountedField> fields) => string.Join(", ", fields.Select(f =>
        $"{(f.Aggregate == Aggregate.Count ? "count" : "sum")}({f.PointField}) AS {f.Name}"));

    /// <summary>The SELECT list over rollups (hourly into daily, or any range of them).</summary>
    public static string RollupSelect(IReadOnlyList<CountedField> fields) => string.Join(", ", fields.Select(f => $"sum({f.Name}) AS {f.Name}"));

    /// <summary>The raw fields a point carries that count (for reading points one by one).</summary>
    public static string PointSelect(IReadOnlyList<CountedField> fields) => string.Join(", ", fields.Select(f => f.PointField).Distinct());

    /// <summary>Totals from a row of a RawSelect or RollupSelect result.</summary>
    public static SatisfactionTotals FromRow(IReadOnlyList<CountedField> fields, InfluxSeries s, int row)
    {
        var totals = SatisfactionTotals.Empty;
        foreach (var f in fields)
        {
            if (f.With is not null)
                totals = f.With(totals, s.GetDouble(row, f.Name) ?? 0);
        }
        return totals;
    }

    /// <summary>What one point counts, given its fields (by name; absent is null): the same
    /// aggregation InfluxDB applies over raw points, applied to one.</summary>
    public static SatisfactionTotals FromPoint(IReadOnlyList<CountedField> fields, Func<string, double?> field)
    {
        var totals = SatisfactionTotals.Empty;
        foreach (var f in fields)
        {
            if (f.With is null)
                continue;
            var value = field(f.PointField);
            totals = f.With(totals, f.Aggregate == Aggregate.Count ? (value is null ? 0 : 1) : value ?? 0);
        }
        return totals;
    }
}
