using System.Diagnostics;
using CxMonitor.Core.Metrics;
using CxMonitor.Influx;
using CxMonitor.Influx.Query;
using CxMonitor.Web.Data;
using CxMonitor.Web.Ingest.Spool;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Metrics.Recent;

/// <summary>Loads the last two days from InfluxDB into <see cref="RecentTotals"/> before the
/// server takes requests. It first waits for the spool to be delivered, so that InfluxDB holds
/// everything acknowledged before the start and nothing is counted twice or missed; if that or
/// the load fails, memory stays cold and every window is read from InfluxDB, as before.</summary>
public sealed class RecentTotalsWarmup(
    RecentTotals recent,
    RecentTotalsFeed feed,
    WriteAheadSpool spool,
    InfluxDBClient influx,
    IOptions<InfluxStorageOptions> storage,
    IOptions<MetricsOptions> options,
    IOptions<CxMonitor.Web.Ingest.IngestOptions> ingest,
    TimeProvider clock,
    ILogger<RecentTotalsWarmup> logger)
{
    // Raw points, a few hours at a time: GROUP BY time(1m) over thousands of series costs InfluxDB
    // far more than handing over two days of points once.
    private static readonly TimeSpan Chunk = TimeSpan.FromHours(4);

    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.Value.ShortWindowsInMemory)
            return;
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.WarmupTimeout);
        try
        {
            while (spool.BacklogLines > 0)
                await Task.Delay(50, timeout.Token);
            var now = clock.GetUtcNow();
            var from = CellReader.Floor(now) - RecentTotals.Span - TimeSpan.FromHours(1);
            var until = now + ingest.Value.MaxClockSkew + TimeSpan.FromMinutes(1); // accepted points may be stamped a little ahead
            var items = new List<(DateTimeOffset, SatisfactionCell, SatisfactionTotals)>();
            for (var start = from; start < until; start += Chunk)
                items.AddRange(await RatingsAsync(start, start + Chunk < until ? start + Chunk : until, timeout.Token));
            var reviews = await ReviewsAsync(from, until, timeout.Token);
            items.AddRange(reviews.Select(r => (r.Time, r.Cell, r.Totals)));
            feed.Remember(reviews);
            recent.Warm(from, items);
            logger.LogInformation("Loaded {Items} ratings and reviews of the last {Hours:0} hours into memory in {Ms:N0} ms",
                items.Count, (now - from).TotalHours, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is InfluxException or OperationCanceledException or HttpRequestException)
        {
            logger.LogWarning("Short windows will be read from InfluxDB: memory could not be loaded at start ({Error}).", ex.Message);
        }
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
