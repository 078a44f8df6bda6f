using CxMonitor.Core.Alerts;
using CxMonitor.Core.Metrics;
using CxMonitor.Web.Ingest.Spool;
using CxMonitor.Web.Live;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CxMonitor.Web.Metrics.Recent;

/// <summary>Shares the minute totals this node accepts with every other node's memory through
/// Redis (<c>Live:Redis</c>), and adds theirs to this node's, so the rolling job counts every
/// node's ratings whichever node runs it (decision 0027). Ingest only adds into a pending batch;
/// a batch goes out every <see cref="BatchEvery"/>, with a sequence number per node so a
/// receiver sees a gap, and an empty one each second as a heartbeat. What can go wrong (a gap, a
/// reconnect, a rating taken by two nodes) is set right by <see cref="RecentTotalsReconciliation"/>.</summary>
public sealed class SharedRecentTotals(
    IConfiguration configuration,
    RecentTotals recent,
    RecentTotalsReconciliation reconciliation,
    WriteAheadSpool spool,
    IOptions<MetricsOptions> options,
    ILogger<SharedRecentTotals> logger) : BackgroundService
{
    public static readonly TimeSpan BatchEvery = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(1);

    // A batch still unsent this long after it began waited for a publish that hung (a stalled
    // connection): its ratings may have reached InfluxDB, and another node's reload, meanwhile.
    public static readonly TimeSpan MaxBatchAge = TimeSpan.FromSeconds(1);

    // A node not heard from for this long is gone (or cut off): its spool no longer holds up
    // reconciliation; what it delivers later is reconciled by the periodic reloads.
    private static readonly TimeSpan Silent = TimeSpan.FromSeconds(5);

    // A node that subscribes later than this after its start (its warm-up read InfluxDB before it)
    // may have missed shares sent meanwhile, though its first attempt succeeded: a connection
    // begun while Redis was away completes only when Redis is back, seconds later.
    private static readonly TimeSpan LateSubscription = TimeSpan.FromSeconds(2);

    /// <summary>Under <see cref="LiveRedis.ChannelPrefix"/>: <c>cxmonitor:recent-totals</c>.</summary>
    public static readonly RedisChannel Channel = RedisChannel.Literal(":recent-totals");

    private readonly string? _redis = LiveRedis.ConnectionString(configuration);
    private readonly object _pendingGate = new();
    private Dictionary<(long Minute, SatisfactionCell Cell), RunningTotals> _pending = [];
    private List<AlertEvent> _pendingCounted = [];
    private readonly Dictionary<Guid, (long Sequence, DateTimeOffset DeliveredBefore, DateTimeOffset Seen)> _nodes = [];
    private long _sequence;
    // Whether the pending batch began while this node was connected to Redis, how many connection
    // failures had been seen then, and when it began: what FlushAsync sends or drops it by.
    private bool _batchOnline;
    private int _breaksAtBatchStart;
    private long _batchStartedAt;
    private int _skipNext;
    private long _unsent;
    private int _breaks;
    private long _dropped;
    private long _published;
    private long _received;
    private DateTimeOffset _subscribedAt = DateTimeOffset.MaxValue;
    private DateTimeOffset _startedAt;

    /// <summary>This node's id, new at every start. A version 7 id: it carries the instant it was made
    /// (<see cref="StartedAt"/>), so a receiver can tell a node started after its own warm-up.</summary>
    public Guid Node { get; } = Guid.CreateVersion7();

    public bool Enabled => _redis is not null && options.Value.ShortWindowsInMemory;

    /// <summary>Messages this node has published and received (for benchmarks and logs).</summary>
    public (long Published, long Received) Messages => (Interlocked.Read(ref _published), Interlocked.Read(ref _received));

    /// <summary>Batches not sent because they were taken while this node was cut off from Redis.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Shares whose publish failed or timed out.</summary>
    public long Unsent => Interlocked.Read(ref _unsent);

    /// <summary>When a node made its id, if the id says (version 7; an older release's ids do not).</summary>
    public static DateTimeOffset? StartedAt(Guid node)
    {
        if (node.Version != 7)
            return null;
        Span<byte> bytes = stackalloc byte[16];
        node.TryWriteBytes(bytes, bigEndian: true, out _);
        // RFC 9562: the first 48 bits are Unix milliseconds.
        return DateTimeOffset.FromUnixTimeMilliseconds((long)(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes) >> 16));
    }

    /// <summary>Called by the ingest feed with what it just counted: one dictionary add per item.</summary>
    public void Pending(IReadOnlyList<(DateTimeOffset Time, SatisfactionCell Cell, SatisfactionTotals Totals)> items)
    {
        if (!Enabled)
            return;
        lock (_pendingGate)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var (time, cell, totals) = items[i];
                // Ticks since year 1: never negative. Added to in place, one lookup (issue 19).
                ref var sum = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_pending, (time.UtcTicks / TimeSpan.TicksPerMinute, cell), out var exists);
                if (exists)
                    sum!.Add(totals);
                else
                    sum = new RunningTotals(totals);
            }
        }
    }

    /// <summary>Called by the alert service with the accepted items burst and review-spike rules
    /// count: one list add per item.</summary>
    public void PendingCounted(IEnumerable<AlertEvent> items)
    {
        if (!Enabled)
            return;
        lock (_pendingGate)
            _pendingCounted.AddRange(items);
    }

    /// <summary>Items another node accepted that burst and review-spike rules count (marked
    /// <see cref="AlertEvent.FromOtherNode"/>), raised on Redis's receiving thread.</summary>
    public event Action<IReadOnlyList<AlertEvent>>? CountedReceived;

    /// <summary>The instant before which every node heard from lately has delivered what it
    /// acknowledged to InfluxDB (as its last share said): how far a reload may reach.</summary>
    public DateTimeOffset OthersDeliveredBefore()
    {
        var now = DateTimeOffset.UtcNow;
        lock (_nodes)
            return _nodes.Values.Where(n => now - n.Seen <= Silent).Select(n => n.DeliveredBefore).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
    }

    /// <summary>Everything this node acknowledged before this instant is in InfluxDB.</summary>
    public static DateTimeOffset DeliveredBefore(WriteAheadSpool spool) =>
        DateTimeOffset.UtcNow - (spool.OldestBacklogAge ?? TimeSpan.Zero);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
            return;
        reconciliation.OthersDeliveredBefore = OthersDeliveredBefore;
        _startedAt = DateTimeOffset.UtcNow;
        var config = LiveRedis.Options(_redis!);
        // A share that cannot go out now is dropped, not queued: receivers see the gap and
        // reconcile, where a late delivery could land after their reload and count twice.
        config.BacklogPolicy = BacklogPolicy.FailFast;
        using var redis = await ConnectionMultiplexer.ConnectAsync(config);
        redis.ConnectionFailed += (_, _) => Interlocked.Increment(ref _breaks);
        // What was taken while connecting (seconds when Redis is away at start) is dropped here:
        // this batch is the first to begin connected.
        await FlushAsync(redis, heartbeat: false);
        redis.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
                reconciliation.RequestFull("the connection to Redis was restored");
        };
        ChannelMessageQueue? queue = null;
        var lastSent = DateTimeOffset.MinValue;
        // Batching and heartbeats run on the wall clock, whatever clock the figures use.
        using var timer = new PeriodicTimer(BatchEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // Redis may be away at start: ratings are taken all the same, and subscribing is
                // tried again each tick (a failure here must never stop the node).
                queue ??= await SubscribeAsync(redis);
                if (await FlushAsync(redis, heartbeat: DateTimeOffset.UtcNow - lastSent >= HeartbeatEvery))
                    lastSent = DateTimeOffset.UtcNow;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // A node stopped in an orderly way (the server has stopped taking ratings by now) sends
        // what it still holds; one killed loses up to a batch, which reconciliation restores.
        await FlushAsync(redis, heartbeat: false);
        try
        {
            if (queue is not null)
                await queue.UnsubscribeAsync();
        }
        catch (Exception ex) when (LiveRedis.IsAway(ex))
        {
            // Redis is away: the subscription ends with the process.
        }
    }

    private async Task<ChannelMessageQueue?> SubscribeAsync(ConnectionMultiplexer redis)
    {
        try
        {
            var queue = await redis.GetSubscriber().SubscribeAsync(Channel);
            queue.OnMessage(m =>
            {
                try
                {
                    Receive((byte[])m.Message!);
                }
                catch (Exception ex) when (ex is EndOfStreamException or InvalidCastException or ArgumentException or IOException)
                {
                    logger.LogError(ex, "A share from another node could not be read");
                    reconciliation.RequestFull("a share could not be read");
                }
            });
            // Another node's shares sent between this node's warm-up and now were missed. The first
            // share heard from a running node does not show it: its sequence only says that node
            // was running, and one running before this node's start is covered by the warm-up.
            var sinceStart = DateTimeOffset.UtcNow - _startedAt;
            if (_subscribedAt != DateTimeOffset.MaxValue)
                reconciliation.RequestFull("this node subscribed to shares late");
            else if (sinceStart > LateSubscription)
                reconciliation.RequestFull($"this node subscribed to shares {sinceStart.TotalSeconds:N1} s after its start");
            _subscribedAt = DateTimeOffset.UtcNow;
            return queue;
        }
        catch (Exception ex) when (LiveRedis.IsAway(ex))
        {
            if (_subscribedAt == DateTimeOffset.MaxValue)
                logger.LogWarning("Not subscribed to other nodes' shares yet ({Error}); trying again", ex.Message);
            _subscribedAt = DateTimeOffset.MinValue;
            return null;
        }
    }

    /// <summary>Sends what was taken since the last batch. A batch is sent only if it began while
    /// this node was connected, the connection has not failed since, and it is at most
    /// <see cref="MaxBatchAge"/> old: one taken while cut off (Redis away, a connection not yet
    /// made at start, a publish that hung) could otherwise go out once the connection is back,
    /// after another node's reload has read the same ratings from InfluxDB, and count twice there
    /// (CI, 2026-11-27: 40 of 30). It is dropped instead, its sequence number skipped, so the
    /// receivers see the gap and reload. A share whose publish hung or failed is followed by a
    /// skipped number for the same reason.</summary>
    private async Task<bool> FlushAsync(ConnectionMultiplexer redis, bool heartbeat)
    {
        Dictionary<(long, SatisfactionCell), RunningTotals> batch;
        List<AlertEvent> counted;
        bool online;
        lock (_pendingGate)
        {
            // Failures first, then the state: a failure between the two shows in the next check.
            var breaks = Volatile.Read(ref _breaks);
            var connected = redis.IsConnected;
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            online = _batchOnline && _breaksAtBatchStart == breaks && connected
                && System.Diagnostics.Stopwatch.GetElapsedTime(_batchStartedAt, now) <= MaxBatchAge;
            _batchOnline = connected;
            _breaksAtBatchStart = breaks;
            _batchStartedAt = now;
            batch = _pending;
            counted = _pendingCounted;
            if (batch.Count == 0 && counted.Count == 0 && !heartbeat)
                return false;
            _pending = [];
            _pendingCounted = [];
        }
        if (Interlocked.Exchange(ref _skipNext, 0) == 1)
            ++_sequence;
        var sequence = ++_sequence;
        if (!online && (batch.Count > 0 || counted.Count > 0))
        {
            Interlocked.Increment(ref _dropped);
            logger.LogDebug("Share {Sequence} not sent: taken while cut off from Redis; other nodes will reconcile", sequence);
            return true;
        }
        var message = new SharedTotalsMessage(Node, sequence, DeliveredBefore(spool).ToUnixTimeMilliseconds(), [.. batch.Select(p => (p.Key.Item1, p.Key.Item2, p.Value.ToTotals()))], counted);
        var publishing = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, message.Encode());
            Interlocked.Increment(ref _published);
            // A publish that hung may have landed after a receiver's reload read the same ratings:
            // the next share skips a number, so the receivers reload once more, after it.
            if (System.Diagnostics.Stopwatch.GetElapsedTime(publishing) > MaxBatchAge)
                Volatile.Write(ref _skipNext, 1);
        }
        catch (Exception ex) when (LiveRedis.IsAway(ex))
        {
            // A publish that timed out may still reach Redis later: the same holds.
            Interlocked.Increment(ref _unsent);
            Volatile.Write(ref _skipNext, 1);
            logger.LogDebug("Share {Sequence} not sent ({Error}); other nodes will reconcile", message.Sequence, ex.Message);
        }
        return true;
    }

    private void Receive(byte[] bytes)
    {
        var message = SharedTotalsMessage.Decode(bytes);
        if (message is null)
        {
            reconciliation.RequestFull("a share of another version arrived");
            return;
        }
        if (message.Node == Node)
            return;
        Interlocked.Increment(ref _received);
        var now = DateTimeOffset.UtcNow;
        lock (_nodes)
        {
            var known = _nodes.TryGetValue(message.Node, out var last);
            if (known ? message.Sequence != last.Sequence + 1 : message.Sequence > 1 && MissedFirstShares(message.Node, now))
                reconciliation.RequestFull($"shares {(known ? last.Sequence + 1 : 1)}–{message.Sequence - 1} of node {message.Node} were missed");
            _nodes[message.Node] = (message.Sequence, DateTimeOffset.FromUnixTimeMilliseconds(message.DeliveredBefore), now);
        }
        if (message.Counted.Count > 0)
            CountedReceived?.Invoke(message.Counted);
        if (message.Minutes.Count > 0)
            recent.Add([.. message.Minutes.Select(m => (new DateTimeOffset(m.Minute * TimeSpan.TicksPerMinute, TimeSpan.Zero), m.Cell, m.Totals))]);
    }

    /// <summary>Whether the shares before the first one heard from a node may hold ratings memory
    /// lacks. A node already running when this one warmed up had those ratings read by the warm-up,
    /// if this node subscribed in time. One started later (or about then: clocks of two hosts
    /// differ) took them after that read, and its first shares went out before this node listened
    /// or were dropped while it was cut off from Redis.</summary>
    private bool MissedFirstShares(Guid node, DateTimeOffset now) =>
        now - _subscribedAt > Silent || StartedAt(node) is not { } started || started > recent.WarmReadAt - Silent;
}
