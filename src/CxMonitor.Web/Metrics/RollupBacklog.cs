namespace CxMonitor.Web.Metrics;

/// <summary>Hours that received ratings or reviews and wait for the rollup job: late data and
/// back-fills land in old hours, and even the current hour must survive a crash before its
/// rollup. An hour is written to app state (<see cref="RollupBacklogStore"/>) before the first
/// item in it is acknowledged, once, not per item; in memory it remembers when items were last
/// spooled into it, so the job takes it only once those items have left the spool.</summary>
public sealed class RollupBacklog(RollupBacklogStore store, TimeProvider clock, ILogger<RollupBacklog> logger)
{
    private const long HourMs = 3_600_000;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, WaitingHour> _hours = [];
    private Task? _load;

    public int Count
    {
        get
        {
            lock (_gate)
                return _hours.Count;
        }
    }

    /// <summary>Makes the hours of <paramref name="times"/> durable and holds them until the
    /// returned lease is disposed, which must be after the items are in the spool: the job does
    /// not take an hour while someone holds it.</summary>
    public async Task<IDisposable> HoldAsync(IEnumerable<DateTimeOffset> times)
    {
        await EnsureLoadedAsync();
        // A batch mostly shares one hour: the set is made only for a second one (issue 19).
        var first = long.MinValue;
        HashSet<long>? others = null;
        var last = long.MinValue;
        foreach (var t in times)
        {
            var hour = t.ToUnixTimeMilliseconds() / HourMs;
            if (hour == last)
                continue;
            if (first == long.MinValue)
                first = hour;
            else if (hour != first)
                (others ??= []).Add(hour);
            last = hour;
        }
        var held = new List<WaitingHour>(first == long.MinValue ? 0 : 1 + (others?.Count ?? 0));
        List<WaitingHour>? fresh = null;
        TaskCompletionSource? written = null;
        lock (_gate)
        {
            if (first != long.MinValue)
                Hold(first);
            if (others is not null)
            {
                foreach (var hour in others)
                    Hold(hour);
            }
        }

        if (fresh is not null)
        {
            try
            {
                // Not the request's token: other requests may wait for the same write.
                await store.AddAsync(fresh.Select(w => w.ToBacklogHour()).ToList(), clock.GetUtcNow(), CancellationToken.None);
                written!.SetResult();
            }
            catch (Exception ex)
            {
                lock (_gate)
                {
                    foreach (var w in fresh)
                        _hours.Remove(w.Hour, out _);
                }
                written!.SetException(ex);
            }
        }
        var lease = new Lease(this, held);
        try
        {
            foreach (var w in held)
            {
                if (!w.Written.IsCompletedSuccessfully)
                    await w.Written;
            }
        }
        catch
        {
            lease.Dispose();
            throw;
        }
        return lease;

        void Hold(long hour)
        {
            if (!_hours.TryGetValue(hour, out var waiting))
            {
                written ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting = new WaitingHour(hour, NewGeneration(), written.Task, clock.GetUtcNow());
                _hours[hour] = waiting;
                (fresh ??= []).Add(waiting);
            }
            waiting.Holders++;
            held.Add(waiting);
        }
    }

    /// <summary>Hours nobody holds whose items were all spooled before <paramref name="spooledBefore"/>,
    /// so they have reached InfluxDB; removed from memory (the rows stay until <see cref="CompleteAsync"/>).</summary>
    public async Task<IReadOnlyList<BacklogHour>> TakeAsync(DateTimeOffset spooledBefore, CancellationToken ct)
    {
        await EnsureLoadedAsync().WaitAsync(ct);
        var taken = new List<BacklogHour>();
        lock (_gate)
        {
            foreach (var waiting in _hours.Values.Where(w => w.Holders == 0 && w.Spooled < spooledBefore && w.Written.IsCompletedSuccessfully).ToList())
            {
                _hours.Remove(waiting.Hour);
                taken.Add(waiting.ToBacklogHour());
            }
        }
        taken.Sort((a, b) => a.Start.CompareTo(b.Start));
        return taken;
    }

    /// <summary>The taken hours are rolled up: their rows go, unless an item arrived since.</summary>
    public Task CompleteAsync(IReadOnlyCollection<BacklogHour> hours, CancellationToken ct) => store.RemoveAsync(hours, ct);

    /// <summary>The rollup of taken hours failed: they wait for the next run (their rows are still there).</summary>
    public void Return(IEnumerable<BacklogHour> hours)
    {
        lock (_gate)
        {
            foreach (var h in hours)
            {
                var hour = h.Start.ToUnixTimeMilliseconds() / HourMs;
                // An hour marked again since has a newer row and is waiting already.
                _hours.TryAdd(hour, new WaitingHour(hour, h.Generation, Task.CompletedTask, DateTimeOffset.MinValue));
            }
        }
    }

    /// <summary>Reads the hours left waiting in app state (once; again only after a failure).</summary>
    public Task LoadAsync() => EnsureLoadedAsync();

    private Task EnsureLoadedAsync()
    {
        lock (_gate)
        {
            if (_load is null || _load.IsFaulted || _load.IsCanceled)
                _load = LoadRowsAsync();
            return _load;
        }
    }

    private async Task LoadRowsAsync()
    {
        var rows = await store.LoadAsync(CancellationToken.None);
        // Items spooled before this start may not be in InfluxDB yet: wait for the spool to pass them.
        var loadedAt = clock.GetUtcNow();
        lock (_gate)
        {
            foreach (var row in rows)
            {
                var hour = row.Start.ToUnixTimeMilliseconds() / HourMs;
                _hours.TryAdd(hour, new WaitingHour(hour, row.Generation, Task.CompletedTask, loadedAt));
            }
        }
        if (rows.Count > 0)
            logger.LogInformation("{Count} hour(s) from before the start wait to be rolled up", rows.Count);
    }

    /// <summary>Random rather than counted, so that another process on the same app state (a
    /// second node, the app after a restart) cannot hand out the generation a job is about to delete.</summary>
    private static long NewGeneration() => Random.Shared.NextInt64(1, long.MaxValue);

    private void Release(List<WaitingHour> held)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            foreach (var w in held)
            {
                w.Holders--;
                w.Spooled = now;
            }
        }
    }

    private sealed class WaitingHour(long hour, long generation, Task written, DateTimeOffset spooled)
    {
        public long Hour { get; } = hour;

        public long Generation { get; } = generation;

        /// <summary>Completes when the hour's row is committed.</summary>
        public Task Written { get; } = written;

        public int Holders { get; set; }

        public DateTimeOffset Spooled { get; set; } = spooled;

        public BacklogHour ToBacklogHour() => new(DateTimeOffset.FromUnixTimeMilliseconds(Hour * HourMs), Generation);
    }

    private sealed class Lease(RollupBacklog backlog, List<WaitingHour> held) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                backlog.Release(held);
        }
    }
}
