using CxMonitor.Web.Ingest.Spool;
using CxMonitor.Web.Live;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Metrics.Recent;

/// <summary>Brings a node's memory back to what InfluxDB holds when shares between nodes may have
/// been missed or doubled (decision 0027): every <see cref="MetricsOptions.Reconcile"/> the
/// closed minutes of the last <see cref="MetricsOptions.ReconcileSpan"/>, and all of memory's
/// span after a gap in a node's sequence or a reconnect to Redis. Only up to the instant before
/// which every spool has delivered (this node's, and each other node's as its last share said):
/// later minutes may lack in InfluxDB what was acknowledged, and a reload would undercount them.</summary>
public sealed class RecentTotalsReconciliation(
    IConfiguration configuration,
    RecentTotals recent,
    RecentTotalsLoader loader,
    WriteAheadSpool spool,
    IOptions<MetricsOptions> options,
    TimeProvider clock,
    ILogger<RecentTotalsReconciliation> logger) : BackgroundService
{
    /// <summary>Minutes younger than this are left to the shares: their points may still be on
    /// their way from a spool to InfluxDB.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>How long after a reload what reaches its minutes may still hold ratings InfluxDB's
    /// answer held: a share leaves its node within <see cref="SharedRecentTotals.MaxBatchAge"/> of
    /// a rating, its publish takes at most as long (a slower one makes the next share skip a
    /// number, and a full reload follows), and a second more for its way here.</summary>
    public static readonly TimeSpan Grace = 2 * SharedRecentTotals.MaxBatchAge + TimeSpan.FromSeconds(1);

    private string? _fullBecause;
    private long _passes;
    private long _summedPasses;
    private bool _fullRunning;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _requested = new();

    /// <summary>Set by <see cref="SharedRecentTotals"/>: before when every other node has delivered.</summary>
    public Func<DateTimeOffset> OthersDeliveredBefore { get; set; } = () => DateTimeOffset.MaxValue;

    /// <summary>Reconciliation passes done (full and periodic), for tests and logs.</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>Of <see cref="Passes"/>, those that read per-minute sums (a busy span).</summary>
    public long SummedPasses => Interlocked.Read(ref _summedPasses);

    /// <summary>Why full reloads were asked for since start, oldest first (the last 20), for
    /// tests and diagnostics: a reload is the repair, its reason names what went wrong.</summary>
    public IReadOnlyList<string> Requested => [.. _requested];

    /// <summary>A full reload was asked for and has not finished yet.</summary>
    public bool FullPending => Volatile.Read(ref _fullBecause) is not null || Volatile.Read(ref _fullRunning);

    /// <summary>Reload all of memory's span at the next chance.</summary>
    public void RequestFull(string because)
    {
        logger.LogInformation("Memory will be reloaded from InfluxDB: {Reason}", because);
        _requested.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {because}");
        while (_requested.Count > 20)
            _requested.TryDequeue(out _);
        Volatile.Write(ref _fullBecause, because);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (LiveRedis.ConnectionString(configuration) is null || !options.Value.ShortWindowsInMemory)
            return;
        var next = DateTimeOffset.UtcNow + options.Value.Reconcile;
        var watchEnds = DateTimeOffset.MaxValue;
        (DateTimeOffset From, DateTimeOffset To)? again = null;
        using var timer = new PeriodicTimer(Poll); // wall time; the spans follow the figures' clock
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = clock.GetUtcNow();
                if (DateTimeOffset.UtcNow >= watchEnds)
                {
                    // What reached the minutes of the last reload while it read them, or soon after,
                    // may hold ratings InfluxDB's answer held too (or lacked, and the replace wiped):
                    // those minutes are read again.
                    watchEnds = DateTimeOffset.MaxValue;
                    var touched = recent.EndWatch();
                    if (touched.Count > 0)
                        again = Widen(again, touched[0], touched[^1] + TimeSpan.FromMinutes(1));
                }
                var full = Volatile.Read(ref _fullBecause);
                if (!recent.IsWarm || (full is null && again is null && DateTimeOffset.UtcNow < next))
                    continue;
                // Most ratings are stamped when accepted: a minute that ended before every spool's
                // oldest undelivered line is whole in InfluxDB (one with its own earlier time may
                // still be on its way; a later reload counts it).
                var delivered = Min(SharedRecentTotals.DeliveredBefore(spool), OthersDeliveredBefore());
                var settled = Minute(now) - Settle;
                var to = Minute(Min(settled, delivered - (DateTimeOffset.UtcNow - now))); // wall time to the figures' clock
                // A full reload waits until InfluxDB has caught up; meanwhile the periodic ones
                // reload what it already holds.
                var fullNow = full is not null && to >= settled;
                var againNow = !fullNow && again is { } touchedSpan && touchedSpan.To <= to;
                if (!fullNow && !againNow && DateTimeOffset.UtcNow < next)
                    continue;
                var from = fullNow ? recent.Boundary(now) : againNow ? again!.Value.From : settled - options.Value.ReconcileSpan;
                var until = againNow ? again!.Value.To : to;
                if (until <= from)
                    continue; // InfluxDB is behind: wait until the spools have delivered
                if (fullNow)
                {
                    Volatile.Write(ref _fullRunning, true);
                    Interlocked.CompareExchange(ref _fullBecause, null, full);
                }
                if (againNow || (again is { } inside && inside.From >= from && inside.To <= until))
                    again = null;
                recent.Watch(from, until);
                try
                {
                    // At high rates a periodic reload reads per-minute sums, not every point; what
                    // memory holds for the span (right or not) tells which read is cheaper.
                    var bySums = false;
                    if (until - from <= RecentTotalsLoader.SummedUpTo)
                    {
                        var held = recent.Read(from, until, null).Cells;
                        bySums = RecentTotalsLoader.ReadsBySums(from, until, held.Values.Sum(t => t.Ratings), held.Count);
                    }
                    var (items, _) = await loader.LoadAsync(from, until, bySums, stoppingToken);
                    recent.Replace(from, until, items);
                    Interlocked.Increment(ref _passes);
                    if (bySums)
                        Interlocked.Increment(ref _summedPasses);
                    if (!againNow)
                        next = DateTimeOffset.UtcNow + options.Value.Reconcile;
                }
                catch (Exception ex) when (ex is CxMonitor.Influx.InfluxException or HttpRequestException || (ex is OperationCanceledException && !stoppingToken.IsCancellationRequested))
                {
                    logger.LogWarning("Memory could not be reconciled with InfluxDB ({Error}); trying again later", ex.Message);
                    if (fullNow)
                        RequestFull(full!);
                    if (againNow)
                        again = Widen(again, from, until);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Never stop the node over a reload: memory stays as the shares left it.
                    logger.LogError(ex, "Memory could not be reconciled with InfluxDB");
                }
                finally
                {
                    Volatile.Write(ref _fullRunning, false);
                    watchEnds = DateTimeOffset.UtcNow + Grace;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static (DateTimeOffset From, DateTimeOffset To) Widen((DateTimeOffset From, DateTimeOffset To)? span, DateTimeOffset from, DateTimeOffset to) =>
        span is { } s ? (Min(s.From, from), s.To > to ? s.To : to) : (from, to);

    private static DateTimeOffset Minute(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
