using System.Collections.Concurrent;
using CxMonitor.Web.Ingest;

namespace CxMonitor.Web.Metrics;

/// <summary>Hours that received ratings or reviews since their rollup was last written (late
/// data and back-fills land in old hours). Marked as items are accepted; taken by the rollup job.</summary>
public sealed class RollupBacklog
{
    private readonly ConcurrentDictionary<long, DateTimeOffset> _hours = new();
    private readonly TimeProvider _clock;

    public RollupBacklog(IngestEvents events, TimeProvider clock)
    {
        _clock = clock;
        events.RatingsAccepted += ratings => Mark(ratings.Select(r => r.Time));
        events.ReviewsAccepted += reviews => Mark(reviews.Select(r => r.Time));
    }

    public int Count => _hours.Count;

    public void Mark(IEnumerable<DateTimeOffset> times)
    {
        var now = _clock.GetUtcNow();
        foreach (var t in times)
            _hours[t.ToUnixTimeMilliseconds() / 3_600_000] = now;
    }

    /// <summary>Hours whose last mark is older than <paramref name="markedBefore"/>, so the
    /// points behind them have left the spool; they are removed from the backlog.</summary>
    public IReadOnlyList<DateTimeOffset> Take(DateTimeOffset markedBefore)
    {
        var taken = new List<DateTimeOffset>();
        foreach (var (hour, marked) in _hours)
        {
            if (marked < markedBefore && _hours.TryRemove(new KeyValuePair<long, DateTimeOffset>(hour, marked)))
                taken.Add(DateTimeOffset.FromUnixTimeMilliseconds(hour * 3_600_000));
        }
        taken.Sort();
        return taken;
    }
}
