using CxMonitor.Core.Metrics;

namespace CxMonitor.Web.Metrics.Recent;

/// <summary>The last two days of totals per cell in memory, by minute and by hour, fed by the
/// ratings and reviews this node accepts and warmed from InfluxDB at start, so the short windows
/// (15 min, 1 h, today, 24 h) and the recent end of every window cost no query
/// (decision 0010). Window bounds are read to the minute: a window includes the whole minute in
/// which it starts.</summary>
public sealed class RecentTotals(TimeProvider clock)
{
    /// <summary>What memory answers for: everything from this long before the current hour.</summary>
    public static readonly TimeSpan Span = TimeSpan.FromHours(47);

    // Kept a little longer than answered for, so a read never finds a half-evicted hour.
    private static readonly TimeSpan Keep = TimeSpan.FromHours(50);

    private readonly object _gate = new();
    private readonly Dictionary<long, Dictionary<SatisfactionCell, SatisfactionTotals>> _minutes = [];
    private readonly Dictionary<long, Dictionary<SatisfactionCell, SatisfactionTotals>> _hours = [];
    private long _evictedBefore;

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

    /// <summary>Loads what InfluxDB holds from <paramref name="from"/> (an hour boundary) and starts counting.</summary>
    public void Warm(DateTimeOffset from, IEnumerable<(DateTimeOffset Minute, SatisfactionCell Cell, SatisfactionTotals Totals)> loaded)
    {
        lock (_gate)
        {
            _minutes.Clear();
            _hours.Clear();
            CoversFrom = from;
            foreach (var (minute, cell, totals) in loaded)
                AddLocked(minute, cell, totals);
            IsWarm = true;
        }
    }

    public void Add(IEnumerable<(DateTimeOffset Time, SatisfactionCell Cell, SatisfactionTotals Totals)> items)
    {
        lock (_gate)
        {
            if (!IsWarm)
                return;
            foreach (var (time, cell, totals) in items)
                AddLocked(time, cell, totals);
            Evict(clock.GetUtcNow());
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
            for (var m = first; m <= last; m++)
                _minutes.Remove(m);
            foreach (var (time, cell, totals) in loaded)
            {
                var m = Minute(time);
                if (m >= first && m <= last)
                    Add(_minutes, m, cell, totals);
            }
            for (var h = Hour(first); h <= Hour(last); h++)
            {
                _hours.Remove(h);
                for (var m = h * 60; m < h * 60 + 60; m++)
                {
                    if (_minutes.TryGetValue(m, out var cells))
                    {
                        foreach (var (cell, totals) in cells)
                            Add(_hours, h, cell, totals);
                    }
                }
            }
        }
    }

    /// <summary>Per-cell totals of [from, to) (from at or after <see cref="CoversFrom"/>), optionally of some sites only.</summary>
    public CellTotals Read(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string>? sites)
    {
        var result = new CellTotals();
        var first = Minute(from);
        var last = Minute(to - TimeSpan.FromTicks(1)); // the minute holding the last instant before `to`
        lock (_gate)
        {
            for (var m = first; m <= last;)
            {
                if (m % 60 == 0 && m + 59 <= last && _hours.TryGetValue(m / 60, out var hour))
                {
                    AddTo(result, hour, sites);
                    m += 60;
                    continue;
                }
                if (m % 60 == 0 && m + 59 <= last)
                {
                    m += 60; // a whole hour with nothing in it
                    continue;
                }
                if (_minutes.TryGetValue(m, out var minute))
                    AddTo(result, minute, sites);
                m++;
            }
        }
        return result;
    }

    private void AddLocked(DateTimeOffset time, SatisfactionCell cell, SatisfactionTotals totals)
    {
        if (time < CoversFrom)
            return; // older than memory: InfluxDB and the rollups have it
        var minute = Minute(time);
        Add(_minutes, minute, cell, totals);
        Add(_hours, Hour(minute), cell, totals);
    }

    private void Evict(DateTimeOffset now)
    {
        var before = Minute(CellReader.Floor(now) - Keep);
        if (before <= _evictedBefore)
            return;
        foreach (var m in _minutes.Keys.Where(k => k < before).ToList())
            _minutes.Remove(m);
        foreach (var h in _hours.Keys.Where(k => k * 60 < before).ToList())
            _hours.Remove(h);
        _evictedBefore = before;
    }

    private static void Add(Dictionary<long, Dictionary<SatisfactionCell, SatisfactionTotals>> buckets, long key, SatisfactionCell cell, SatisfactionTotals totals)
    {
        if (!buckets.TryGetValue(key, out var cells))
            buckets[key] = cells = [];
        cells[cell] = cells.TryGetValue(cell, out var t) ? t + totals : totals;
    }

    private static void AddTo(CellTotals result, Dictionary<SatisfactionCell, SatisfactionTotals> cells, IReadOnlyCollection<string>? sites)
    {
        foreach (var (cell, totals) in cells)
        {
            if (sites is null || sites.Contains(cell.Site))
                result.Cells[cell] = result.Cells.TryGetValue(cell, out var t) ? t + totals : totals;
        }
    }

    private static long Hour(long minute) => Math.DivRem(minute, 60, out var rem) - (rem < 0 ? 1 : 0);

    private static long Minute(DateTimeOffset t) => Math.DivRem(t.UtcTicks, TimeSpan.TicksPerMinute, out var rem) - (rem < 0 ? 1 : 0);
}
