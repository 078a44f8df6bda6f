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
    TimeProvider clock,
    ILogger<RecentTotalsWarmup> logger)
{
    private static readonly TimeSpan Chunk = TimeSpan.FromHours(12);

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
            var until = now.AddDays(1); // points stamped a little in the future count once their time comes
            var items = new List<(DateTimeOffset, SatisfactionCell, SatisfactionTotals)>();
            for (var start = from; start < until; start += Chunk)
                items.AddRange(await RatingsAsync(start, start + Chunk < until ? start + Chunk : until, timeout.Token));
            var reviews = await ReviewsAsync(from, until, timeout.Token);
            items.AddRange(reviews.Select(r => (r.Time, r.Cell, r.Totals)));
            feed.Remember(reviews);
            recent.Warm(from, items);
            logger.LogInformation("Loaded {Buckets} minute buckets of the last {Hours} hours into memory in {Ms:N0} ms",
                items.Count, (now - from).TotalHours, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is InfluxException or OperationCanceledException or HttpRequestException)
        {
            logger.LogWarning("Short windows will be read from InfluxDB: memory could not be loaded at start ({Error}).", ex.Message);
        }
    }

    private async Task<IEnumerable<(DateTimeOffset, SatisfactionCell, SatisfactionTotals)>> RatingsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var query = InfluxQL.Format($"SELECT {InfluxQL.Raw(SatisfactionQueries.RawRatingFields)} FROM rating WHERE time >= {from} AND time < {to} GROUP BY time(1m), site, channel, touchpoint fill(none)");
        var items = new List<(DateTimeOffset, SatisfactionCell, SatisfactionTotals)>();
        foreach (var s in await influx.GetQueryApi().QuerySeriesAsync(query, storage.Value.Database, ct))
        {
            for (var r = 0; r < s.Rows.Count; r++)
            {
                var cells = new Dictionary<SatisfactionCell, SatisfactionTotals>();
                SatisfactionQueries.AddTo(cells, [new InfluxSeries(s.Name, s.Tags, s.Columns, [s.Rows[r]])], reviews: false);
                items.AddRange(cells.Select(c => (s.GetTime(r)!.Value, c.Key, c.Value)));
            }
        }
        return items;
    }

    private async Task<List<(string Platform, string ExternalId, DateTimeOffset Time, SatisfactionCell Cell, SatisfactionTotals Totals)>> ReviewsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var query = InfluxQL.Format($"SELECT n, starred, stars, neg, external_id FROM review WHERE time >= {from} AND time < {to} GROUP BY site, platform");
        var reviews = new List<(string Platform, string ExternalId, DateTimeOffset Time, SatisfactionCell Cell, SatisfactionTotals Totals)>();
        foreach (var s in await influx.GetQueryApi().QuerySeriesAsync(query, storage.Value.Database, ct))
        {
            for (var r = 0; r < s.Rows.Count; r++)
            {
                var totals = new SatisfactionTotals
                {
                    Reviews = s.GetLong(r, "n") ?? 0,
                    StarredReviews = s.GetLong(r, "starred") ?? 0,
                    StarsSum = s.GetDouble(r, "stars") ?? 0,
                    NegativeReviews = s.GetLong(r, "neg") ?? 0,
                };
                reviews.Add((s.Tag("platform") ?? "", s.GetString(r, "external_id") ?? "", s.GetTime(r)!.Value, new SatisfactionCell(s.Tag("site") ?? "", "", ""), totals));
            }
        }
        return reviews;
    }
}
