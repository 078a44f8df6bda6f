namespace CxMonitor.Web.Ingest.Spool;

/// <summary>How long the spool's group commits take: the write and the fsync a 202 waits for.
/// A request that arrives during a slow sync waits for that one and then its own, so the disk's
/// sync tail is the floor under the ingest API's latency tail; the status shows it so that an
/// administrator can tell a slow disk from a slow app (issue 19). Buckets double from 0.25 ms,
/// counted since start; only the spool's own thread adds, any thread may read.</summary>
public sealed class SpoolSyncTimes
{
    /// <summary>Upper bounds of the buckets in milliseconds; a last bucket holds what is longer.</summary>
    public static readonly double[] UpperBoundsMs = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

    private readonly long[] _counts = new long[UpperBoundsMs.Length + 1];
    private long _totalTicks;
    private long _maxTicks;

    public void Add(TimeSpan took)
    {
        var ms = took.TotalMilliseconds;
        var bucket = 0;
        while (bucket < UpperBoundsMs.Length && ms > UpperBoundsMs[bucket])
            bucket++;
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Add(ref _totalTicks, took.Ticks);
        // One writer: no race between the comparison and the store.
        if (took.Ticks > Interlocked.Read(ref _maxTicks))
            Interlocked.Exchange(ref _maxTicks, took.Ticks);
    }

    public SpoolSyncReport Report()
    {
        var counts = new long[_counts.Length];
        for (var i = 0; i < counts.Length; i++)
            counts[i] = Interlocked.Read(ref _counts[i]);
        var buckets = counts.Select((c, i) => new SpoolSyncBucket(i < UpperBoundsMs.Length ? UpperBoundsMs[i] : null, c)).ToList();
        return new SpoolSyncReport(
            counts.Sum(),
            Math.Round(TimeSpan.FromTicks(Interlocked.Read(ref _totalTicks)).TotalMilliseconds, 1),
            Math.Round(TimeSpan.FromTicks(Interlocked.Read(ref _maxTicks)).TotalMilliseconds, 2),
            AtMostMs(buckets, 50),
            AtMostMs(buckets, 99),
            buckets);
    }

    /// <summary>The buckets of what came between two reports (the benchmark's rounds).</summary>
    public static List<SpoolSyncBucket> Between(SpoolSyncReport before, SpoolSyncReport after) =>
        after.Buckets.Zip(before.Buckets, (a, b) => new SpoolSyncBucket(a.UpToMs, a.Count - b.Count)).ToList();

    /// <summary>The upper bound of the bucket that holds the p-th percentile (null: none yet, or
    /// beyond the last bound); of a report's buckets or of <see cref="Between"/>.</summary>
    public static double? AtMostMs(IReadOnlyList<SpoolSyncBucket> buckets, double p)
    {
        var total = buckets.Sum(b => b.Count);
        if (total == 0)
            return null;
        var rank = Math.Ceiling(total * p / 100);
        long seen = 0;
        foreach (var b in buckets)
        {
            seen += b.Count;
            if (seen >= rank)
                return b.UpToMs;
        }
        return null;
    }
}

/// <summary>Group commits since start: how many, their time together and the longest; p50 and
/// p99 as "at most" the bound of their bucket.</summary>
public sealed record SpoolSyncReport(long Count, double TotalMs, double MaxMs, double? P50Ms, double? P99Ms, IReadOnlyList<SpoolSyncBucket> Buckets);

/// <param name="UpToMs">The bucket's upper bound; null for the last, which has none.</param>
public sealed record SpoolSyncBucket(double? UpToMs, long Count);
