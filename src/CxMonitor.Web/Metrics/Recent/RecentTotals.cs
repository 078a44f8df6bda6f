using CxMonitor.Core.Metrics;

namespace CxMonitor.Web.Metrics.Recent;

/// <summary>The last two days of totals per cell in memory, by minute and by hour, fed by the
/// ratings and reviews this node accepts and warmed from InfluxDB at start, so the short windows
/// (15 min, 1 h, today, 24 h) and the recent end of every window cost no query
/// (decision 0010). Window bounds are read to the minute: a window includes the whole minute in
/// which it starts.</summary>
public sealed partial class RecentTotals(TimeProvider clock)
{
    /// <summary>What memory answers for: everything from this long before the current hour.</summary>
    public static readonly TimeSpan Span = TimeSpan.FromHours(47);

    // Kept a little longer than answered for, so a read never finds a half-evicted hour.
    private static readonly TimeSpan Keep = TimeSpan.FromHours(50);

    private readonly object _gate = new();

    // Every accepted item lands here (issue 19): its cell's names are hashed once, into the cell's
    // key, and buckets are keyed by that object (a hash by reference). The key also holds the
    // totals of its latest minute and hour, so the next item of that cell and minute adds there
    // without a lookup, until a bucket is removed (_removals moves on). Each sum is added to in place.
    private readonly Dictionary<SatisfactionCell, CellKey> _cells = [];
    private readonly Dictionary<long, Dictionary<CellKey, RunningTotals>> _minutes = [];
    private readonly Dictionary<long, Dictionary<CellKey, RunningTotals>> _hours = [];
    private long _evictedBefore;
    private long _removals;

    /// <summary>False until the warm-up has loaded what InfluxDB holds; until then nothing is
    /// counted and readers ask InfluxDB.</summary>
    public bool IsWarm { get; private set; }

    /// <summary>The first hour memory holds completely (set by the warm-up).</summary>
    public DateTimeOffset CoversFrom { get; private set; } = DateTimeOffset.MaxValue;

    /// <summary>Memory holds everything from here on: an hour boundary.</summary>
    public DateTimeOffset Boundary(DateTimeOffset now)
    {
        var boundary = CellReader.Floor(now) - Span;
        return boundary > CoversFrom ? boundary : CoversFrom;
    }

    public int Buckets
    {
        get
        {
            lock (_gate)
                return _minutes.Count + _hours.Count;
        }
    }

    /// <summary>When the warm-up began reading InfluxDB (wall time): what another node took after
    /// this may be missing from memory unless its share arrived (decision 0027).</summary>
    public DateTimeOffset WarmReadAt { get; private set; } = DateTimeOffset.MaxValue;

    /// <summary>Loads what InfluxDB holds from <paramref name="from"/> (an hour boundary) and starts counting.</summary>
    /// <param name="readAt">When the read of <paramref name="loaded"/> began (wall time).</param>
    public void Warm(DateTimeOffset from, IEnumerable<(DateTimeOffset Minute, SatisfactionCell Cell, SatisfactionTotals Totals)> loaded, DateTimeOffset? readAt = null)
    {
        lock (_gate)
        {
            WarmReadAt = readAt ?? DateTimeOffset.UtcNow;
            _minutes.Clear();
            _hours.Clear();
            _cells.Clear();
            _removals++;
            CoversFrom = from;
            foreach (var (minute, cell, totals) in loaded)
                AddLocked(minute, cell, totals);
            IsWarm = true;
        }
    }

    public void Add(IReadOnlyList<(DateTimeOffset Time, SatisfactionCell Cell, SatisfactionTotals Totals)> items)
    {
        lock (_gate)
        {
            if (!IsWarm)
                return;
            var watching = _touched is not null;
            for (var i = 0; i < items.Count; i++)
            {
                var (time, cell, totals) = items[i];
                AddLocked(time, cell, totals);
                if (watching)
                    NoteTouched(time);
            }
            Evict(clock.GetUtcNow());
        }
    }

    /// <summary>Distinct cells memory holds (for tests).</summary>
    internal int Cells
    {
        get
        {
            lock (_gate)
                return _cells.Count;
        }
    }

    /// <summary>Replaces the minutes of [from, to) (whole minutes, inside memory's span) with what
    /// InfluxDB holds for them, and the hours around them with the sums of their minutes: how a
    /// node's memory converges after missed or doubled shares from other nodes (decision 0027).</summary>
    public void Replace(DateTimeOffset from, DateTimeOffset to, IEnumerable<(DateTimeOffset Minute, SatisfactionCell Cell, SatisfactionTotals Totals)> loaded)
    {
        lock (_gate)
        {
            if (!IsWarm)
                return;
            if (from < CoversFrom)
                from = CoversFrom;
            var first = Minute(from);
            var last = Minute(to) - 1;
            if (last < first)
                return;
            _removals++;
            for (var m = first; m <= last; m++)
                _minutes.Remove(m);
            foreach (var (time, cell, totals) in loaded)
            {
                var m = Minute(time);
                if (m >= first && m <= last)
                    Add(_minutes, m, Key(cell), totals);
            }
            for (var h = Hour(first); h <= Hour(last); h++)
            {
                _hours.Remove(h);
                for (var m = h * 60; m < h * 60 + 60; m++)
                {
                    if (_minutes.TryGetValue(m, out var cells))
                    {
                        foreach (var (key, totals) in cells)
                            Add(_hours, h, key, totals);
                    }
                }
            }
        }
    }

    /// <summary>Per-cell totals of [from, to) (from at or after <see cref="CoversFrom"/>), optionally of some sites only.</summary>
    public CellTotals Read(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string>? sites)
    {
        var sums = new Dictionary<CellKey, RunningTotals>();
        var first = Minute(from);
        var last = Minute(to - TimeSpan.FromTicks(1)); // the minute holding the last instant before `to`
        lock (_gate)
        {
            for (var m = first; m <= last;)
            {
                if (m % 60 == 0 && m + 59 <= last && _hours.TryGetValue(m / 60, out var hour))
                {
                    AddTo(sums, hour, sites);
                    m += 60;
                    continue;
                }
                if (m % 60 == 0 && m + 59 <= last)
                {
                    m += 60; // a whole hour with nothing in it
                    continue;
                }
                if (_minutes.TryGetValue(m, out var minute))
                    AddTo(sums, minute, sites);
                m++;
            }
        }
        var result = new CellTotals();
        foreach (var (key, totals) in sums)
            result.Cells[key.Cell] = totals.ToTotals();
        return result;
    }

    private void AddLocked(DateTimeOffset time, SatisfactionCell cell, SatisfactionTotals totals)
    {
        if (time < CoversFrom)
            return; // older than memory: InfluxDB and the rollups have it
        var minute = Minute(time);
        var key = Key(cell);
        if (key.Minute == minute && key.Removals == _removals)
        {
            key.MinuteTotals!.Add(totals);
            key.HourTotals!.Add(totals);
            return;
        }
        key.MinuteTotals = Add(_minutes, minute, key, totals);
        key.HourTotals = Add(_hours, Hour(minute), key, totals);
        (key.Minute, key.Removals) = (minute, _removals);
    }

    private CellKey Key(SatisfactionCell cell)
    {
        ref var key = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_cells, cell, out _);
        return key ??= new CellKey(cell);
    }

    private void Evict(DateTimeOffset now)
    {
        var before = Minute(CellReader.Floor(now) - Keep);
        if (before <= _evictedBefore)
            return;
        var minutes = _minutes.Keys.Where(k => k < before).ToList();
        foreach (var m in minutes)
            _minutes.Remove(m);
        var hours = _hours.Keys.Where(k => k * 60 < before).ToList();
        foreach (var h in hours)
            _hours.Remove(h);
        _evictedBefore = before;
        if (minutes.Count + hours.Count > 0)
            _removals++;
        if (hours.Count > 0)
            ForgetCellsNotHeld();
    }

    private static long Hour(long minute) => Math.DivRem(minute, 60, out var rem) - (rem < 0 ? 1 : 0);

    private static long Minute(DateTimeOffset t) => Math.DivRem(t.UtcTicks, TimeSpan.TicksPerMinute, out var rem) - (rem < 0 ? 1 : 0);
}
