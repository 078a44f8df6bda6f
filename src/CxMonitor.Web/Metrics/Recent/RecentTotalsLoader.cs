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

    public async Task<(List<(DateTimeOffset, SatisfactionCell, SatisfactionTotals)> Items, List<(string Platform, string ExternalId, DateTimeOffset Time, SatisfactionCell Cell, SatisfactionTotals Totals)> Reviews)> LoadAsync(
        DateTimeOffset from, DateTimeOffset until, CancellationToken ct)
    {
        var items = new List<(DateTimeOffset, SatisfactionCell, SatisfactionTotals)>();
        for (var start = from; start < until; start += Chunk)
            items.AddRange(await RatingsAsync(start, start + Chunk < until ? start + Chunk : until, ct));
        var reviews = await ReviewsAsync(from, until, ct);
        items.AddRange(reviews.Select(r => (r.Time, r.Cell, r.Totals)));
        return (items, reviews);
    }

    private async Task<IEnumerable<(DateTimeOffset, SatisfactionCell, SatisfactionTotals)>> RatingsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var query = InfluxQL.Format($"SELECT {InfluxQL.Raw(CountedFields.PointSelect(CountedFields.Ratings))} FROM rating WHERE time >= {from} AND time < {to} GROUP BY site, channel, touchpoint");
        var items = new List<(DateTimeOffset, SatisfactionCell, SatisfactionTotals)>();
        foreach (var s in await influx.GetQueryApi().QuerySeriesAsync(query, storage.Value.Database, ct))
        {
            var cell = new SatisfactionCell(s.Tag("site") ?? "", s.Tag("channel") ?? "", s.Tag("touchpoint") ?? "");
            for (var r = 0; r < s.Rows.Count; r++)
                items.Add((s.GetTime(r)!.Value, cell, CountedFields.FromPoint(CountedFields.Ratings, field => s.GetDouble(r, field))));
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
