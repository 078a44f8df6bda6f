using System.Diagnostics;
using CxMonitor.Core.Metrics;
using CxMonitor.Influx;
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
    RecentTotalsLoader loader,
    IOptions<MetricsOptions> options,
    IOptions<CxMonitor.Web.Ingest.IngestOptions> ingest,
    TimeProvider clock,
    ILogger<RecentTotalsWarmup> logger)
{
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
            var readAt = DateTimeOffset.UtcNow;
            var from = CellReader.Floor(now) - RecentTotals.Span - TimeSpan.FromHours(1);
            var until = now + ingest.Value.MaxClockSkew + TimeSpan.FromMinutes(1); // accepted points may be stamped a little ahead
            var (items, reviews) = await loader.LoadAsync(from, until, timeout.Token);
            feed.Remember(reviews);
            recent.Warm(from, items, readAt);
            logger.LogInformation("Loaded {Items} ratings and reviews of the last {Hours:0} hours into memory in {Ms:N0} ms",
                items.Count, (now - from).TotalHours, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is InfluxException or OperationCanceledException or HttpRequestException)
        {
            logger.LogWarning("Short windows will be read from InfluxDB: memory could not be loaded at start ({Error}).", ex.Message);
        }
    }
}
