using CxMonitor.Web.Ingest.Spool;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>The status's disk-sync figures (<c>spoolSyncs</c>): every group commit counted once,
/// in the bucket its time belongs to, the percentiles read off the buckets.</summary>
public sealed class SpoolSyncFigures : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cxsyncs-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Each_group_commit_is_counted_once_on_a_real_disk()
    {
        await using var spool = new WriteAheadSpool(Options.Create(new SpoolOptions { Directory = _dir }), TimeProvider.System);
        for (var i = 0; i < 25; i++)
            await spool.AppendAsync("m v=1i"u8.ToArray(), 1);
        var one = spool.SyncTimes.Report();
        // Awaited one by one: each append is a group of its own.
        Assert.Equal(25, one.Count);
        Assert.Equal(25, one.Buckets.Sum(b => b.Count));
        Assert.True(one.TotalMs > 0 && one.MaxMs > 0 && one.MaxMs <= one.TotalMs);

        // Twenty at once from as many tasks: they share syncs, never more than one each.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => spool.AppendAsync("m v=2i"u8.ToArray(), 1))));
        var two = spool.SyncTimes.Report();
        Assert.InRange(two.Count - one.Count, 1, 20);
        Assert.Equal(two.Count, two.Buckets.Sum(b => b.Count));
        Assert.Equal(45, spool.SpooledLines);
    }

    [Fact]
    public void A_time_goes_in_the_first_bucket_whose_bound_it_does_not_pass()
    {
        var times = new SpoolSyncTimes();
        Assert.Null(times.Report().P50Ms);
        times.Add(TimeSpan.FromMilliseconds(0.25));
        times.Add(TimeSpan.FromMilliseconds(0.26));
        times.Add(TimeSpan.FromMilliseconds(3));
        times.Add(TimeSpan.FromSeconds(2));
        var report = times.Report();
        Assert.Equal(4, report.Count);
        Assert.Equal(1, Bucket(report, 0.25));
        Assert.Equal(1, Bucket(report, 0.5));
        Assert.Equal(1, Bucket(report, 4));
        Assert.Equal(1, Bucket(report, null));
        Assert.Equal(2000, report.MaxMs);
        Assert.Equal(2003.5, report.TotalMs, 1);
        // Two of four within 0.5 ms: the median is at most 0.5 ms; the p99 lies beyond the last bound.
        Assert.Equal(0.5, report.P50Ms);
        Assert.Null(report.P99Ms);
    }

    [Fact]
    public void Percentiles_of_a_difference_of_two_readings_see_only_what_came_between()
    {
        var times = new SpoolSyncTimes();
        for (var i = 0; i < 100; i++)
            times.Add(TimeSpan.FromMilliseconds(30));
        var before = times.Report();
        for (var i = 0; i < 99; i++)
            times.Add(TimeSpan.FromMilliseconds(0.1));
        times.Add(TimeSpan.FromMilliseconds(7));
        var after = times.Report();
        var between = SpoolSyncTimes.Between(before, after);
        Assert.Equal(100, between.Sum(b => b.Count));
        Assert.Equal(0.25, SpoolSyncTimes.AtMostMs(between, 50));
        Assert.Equal(0.25, SpoolSyncTimes.AtMostMs(between, 99));
        Assert.Equal(8, SpoolSyncTimes.AtMostMs(between, 99.9));
        // Since start, the 30 ms syncs before still count.
        Assert.Equal(32, after.P99Ms);
    }

    private static long Bucket(SpoolSyncReport report, double? upToMs) => report.Buckets.Single(b => b.UpToMs == upToMs).Count;
}
