using CxMonitor.Web.Ingest.Spool;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>The spool writes and fsyncs on a thread of its own, not on a thread-pool worker that
/// the fsync would block (decision 0026, thirteenth pass). The thread must not outlive its spool,
/// whether the spool is disposed or its write loop fails.</summary>
public sealed class SpoolWritesOnItsOwnThread : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cxspool-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        foreach (var dir in new[] { _dir, _dir + ".gone" })
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_writer_is_not_a_pool_thread_and_ends_with_the_spool()
    {
        var spool = Open();
        var writer = spool.Writer;
        Assert.False(writer.IsThreadPoolThread);
        Assert.True(writer.IsBackground, "a spool left undisposed must not keep the process alive");
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => spool.AppendAsync(new byte[] { (byte)'a', (byte)' ', (byte)('0' + i % 10) }, 1)));
        Assert.True(writer.IsAlive);
        Assert.Equal(100, spool.SpooledLines);

        await spool.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(writer.Join(TimeSpan.FromSeconds(10)), "the writer thread still runs after the spool was disposed");
        await Assert.ThrowsAsync<SpoolUnavailableException>(() => spool.AppendAsync("a 1"u8.ToArray(), 1));
    }

    [Fact]
    public async Task A_failed_write_loop_ends_its_thread_and_refuses_what_comes_later()
    {
        var spool = Open(segmentBytes: 4096);
        await spool.AppendAsync(new byte[1000], 1);
        // The folder goes away: the rotation after the next (over-size) write cannot open a segment.
        Directory.Move(_dir, _dir + ".gone");
        await spool.AppendAsync(new byte[5000], 1);

        Assert.True(spool.Writer.Join(TimeSpan.FromSeconds(10)), "the writer thread still runs after its loop failed");
        Assert.NotNull(spool.Fault);
        await Assert.ThrowsAsync<SpoolUnavailableException>(() => spool.AppendAsync("a 1"u8.ToArray(), 1));
        await spool.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    private WriteAheadSpool Open(long segmentBytes = 64 << 20) =>
        new(Options.Create(new SpoolOptions { Directory = _dir, SegmentBytes = segmentBytes, DiskBudgetBytes = 1L << 30 }), TimeProvider.System);
}
