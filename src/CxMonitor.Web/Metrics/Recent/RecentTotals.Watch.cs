namespace CxMonitor.Web.Metrics.Recent;

public sealed partial class RecentTotals
{
    // The minutes a reload is reading or has just replaced, and those of them something was added
    // to meanwhile (a share, or this node's own rating with its own time): for those, InfluxDB's
    // answer and the addition may hold the same ratings, or the replace may have wiped one the
    // answer lacks. Guarded by _gate.
    private long _watchFrom = long.MaxValue;
    private long _watchTo = long.MinValue;
    private HashSet<long>? _touched;

    /// <summary>Starts (or widens) noting the minutes of [from, to) that anything is added to, until
    /// <see cref="EndWatch"/>: called before a reload reads InfluxDB (decision 0027).</summary>
    public void Watch(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate)
        {
            _watchFrom = Math.Min(_watchFrom, Minute(from));
            _watchTo = Math.Max(_watchTo, Minute(to));
            _touched ??= [];
        }
    }

    /// <summary>Stops noting; the minutes added to since <see cref="Watch"/>, as their instants.</summary>
    public IReadOnlyList<DateTimeOffset> EndWatch()
    {
        lock (_gate)
        {
            var touched = _touched;
            _touched = null;
            _watchFrom = long.MaxValue;
            _watchTo = long.MinValue;
            return touched is null ? [] : [.. touched.Order().Select(m => new DateTimeOffset(m * TimeSpan.TicksPerMinute, TimeSpan.Zero))];
        }
    }

    private void NoteTouched(DateTimeOffset time)
    {
        var minute = Minute(time);
        if (minute >= _watchFrom && minute < _watchTo)
            _touched!.Add(minute);
    }
}
