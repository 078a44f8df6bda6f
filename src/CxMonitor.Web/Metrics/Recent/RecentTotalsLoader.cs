using CxMonitor.Core.Metrics;
using CxMonitor.Influx;
using CxMonitor.Influx.Query;
using CxMonitor.Web.Data;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Metrics.Recent;

/// <summary>Reads what InfluxDB holds for a span as memory counts it, point by point, with the
/// same counted fields as ingest: for the start's warm-up and for reconciling a span after shares
/// between nodes were missed or doubled (decision 0027).</summary>
public sealed class RecentTotalsLoader(InfluxDBClient influx, IOptions<InfluxStorageOptions> storage)
{
    // Raw points, a few hours at a time: GROUP BY time(1m) over thousands of series costs InfluxDB
    // far more than handing over two days of points once.
    private static readonly TimeSpan Chunk = TimeSpan.FromHours(4);

    /// <summary>Only spans up to this long (the periodic reconciliation's 15 minutes) may be read
    /// as sums; the warm-up and full reloads read two days, where sums would cost far more.</summary>
    public static readonly TimeSpan SummedUpTo = TimeSpan.FromHours(1);

    /// <summary>Per-minute sums cost InfluxDB about 30 µs per minute and cell, and a point handed
    /// over about 7 µs (InfluxDB and the app together; the <c>reload</c> benchmark): sums pay from
    /// about 5 ratings per minute and cell, and win clearly from this many.</summary>
    public const int SumsFromRatingsPerMinuteAndCell = 8;

    /// <summary>Whether a span is cheaper read as each cell's per-minute sums than point by point,
    /// judged by what memory holds for it (<paramref name="ratings"/> in <paramref name="cells"/>
    /// cells): at 1,000 ratings/s a 15-minute reload is 900,000 points, at 10,000/s nine million.</summary>
    public static bool ReadsBySums(DateTimeOffset from, DateTimeOffset until, long ratings, int cells) =>
        until - from <= SummedUpTo && cells > 0
        && ratings >= (long)SumsFromRatingsPerMinuteAndCell * cells * (long)Math.Ceiling((until - from).TotalMinutes);

    public Task<(List<(DateTimeOffset, SatisfactionCell, SatisfactionTotals)> Items, List<(string Platform, string ExternalId, DateTimeOffset Time, SatisfactionCell Cell, SatisfactionTotals Totals)> Reviews)> LoadAsync(
        DateTimeOffset from, DateTimeOffset until, CancellationToken ct) => LoadAsync(from, until, bySums: false, ct);

    /// <param name="bySums">Ratings as one item per minute and cell (<see cref="ReadsBySums"/>),
    /// not one per point; reviews are always points.</param>
    public async Task<(List<(DateTimeOffset, SatisfactionCell, SatisfactionTotals)> Items, List<(string Platform, string ExternalId, DateTimeOffset Time, SatisfactionCell Cell, SatisfactionTotals Totals)> Reviews)> LoadAsync(
        DateTimeOffset from, DateTimeOffset until, bool bySums, CancellationToken ct)
    {
        var items = new List<(DateTimeOffset, SatisfactionCell, SatisfactionTotals)>();
        if (bySums && until - from <= SummedUpTo)
        {
            items.AddRange(await RatingMinutesAsync(from, until, ct));
        }
        else
        {
            for (var start = from; start < until; start += Chunk)
                items.AddRange(await RatingsAsync(start, start + Chunk < until ? start + Chunk : until, ct));
        }
        var reviews = await ReviewsAsync(from, until, ct);
        items.AddRange(reviews.Select(r => (r.Time, r.Cell, r.Totals)));
        return (items, reviews);
    }

    /// <summary>One item per minute and cell: what its points sum to (reviews stay points: their
    /// external ids matter, and they are few).</summary>
    internal Task<List<(DateTimeOffset, SatisfactionCell, SatisfactionTotals)>> RatingMinutesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        RatingRowsAsync(InfluxQL.Format($"SELECT {InfluxQL.Raw(CountedFields.RawSelect(CountedFields.Ratings))} FROM rating WHERE time >= {from} AND time < {to} GROUP BY time(1m), site, channel, touchpoint fill(none)"),
            (s, r) => CountedFields.FromRow(CountedFields.Ratings, s, r), ct);

    internal Task<List<(DateTimeOffset, SatisfactionCell, SatisfactionTotals)>> RatingsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        RatingRowsAsync(InfluxQL.Format($"SELECT {InfluxQL.Raw(CountedFields.PointSelect(CountedFields.Ratings))} FROM rating WHERE time >= {from} AND time < {to} GROUP BY site, channel, touchpoint"),
            (s, r) => CountedFields.FromPoint(CountedFields.Ratings, field => s.GetDouble(r, field)), ct);

    /// <summary>Each row of a rating query grouped by cell, as (time, cell, what the row counts).</summary>
    private async Task<List<(DateTimeOffset, SatisfactionCell, SatisfactionTotals)>> RatingRowsAsync(InfluxQuery query, Func<InfluxSeries, int, SatisfactionTotals> totals, CancellationToken ct)
    {
        var items = new List<(DateTimeOffset, SatisfactionCell, SatisfactionTotals)>();
        foreach (var s in await influx.GetQueryApi().QuerySeriesAsync(query, storage.Value.Database, ct))
        {
            var cell = new SatisfactionCell(s.Tag("site") ?? "", s.Tag("channel") ?? "", s.Tag("touchpoint") ?? "");
            for (var r = 0; r < s.Rows.Count; r++)
                items.Add((s.GetTime(r)!.Value, cell, totals(s, r)));
        }
        return items;
    }

    private async Task<List<(string Platform, string ExternalId, DateTimeOffset Time, SatisfactionCell Cell, SatisfactionTotals Totals)>> ReviewsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var query = InfluxQL.Format($"SELECT {InfluxQL.Raw(CountedFields.PointSelect(CountedFields.Reviews))}, external_id FROM review WHERE time >= {from} AND time < {to} GROUP BY site, platform");
        var reviews = new List<(string Platform, string ExternalId, DateTimeOffset Time, SatisfactionCell Cell, SatisfactionTotals Totals)>();
        foreach (var s in await influx.GetQueryApi().QuerySeriesAsync(query, storage.Value.Database, ct))
        {
            for (var r = 0; r < s.Rows.Count; r++)
            {
                var totals = CountedFields.FromPoint(CountedFields.Reviews, field => s.GetDouble(r, field));
                reviews.Add((s.Tag("platform") ?? "", s.GetString(r, "external_id") ?? "", s.GetTime(r)!.Value, new SatisfactionCell(s.Tag("site") ?? "", "", ""), totals));
            }
        }
        return reviews;
    }
}
