using System.Text;
using CxMonitor.Web.Ingest.Spool;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>The spool on real files: what was acknowledged survives a crash, a torn tail does
/// not hide anything, the budget turns into a clear refusal, and the writer thread ends with
/// its spool.</summary>
public sealed class SpoolDurability : IDisposable
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
    public async Task Acknowledged_records_are_found_again_after_a_restart()
    {
        await using (var spool = Open())
        {
            await spool.AppendAsync(Lines("a 1", "a 2"), 2);
            await spool.AppendAsync(Lines("a 3"), 1);
        }
        await using var reopened = Open();
        Assert.Equal(3, reopened.BacklogLines);
        var reader = new SpoolReader(reopened);
        var batch = reader.ReadBatch(100)!;
        Assert.Equal("a 1\na 2\na 3", Encoding.UTF8.GetString(batch.Body.Span));
        Assert.Equal(3, batch.Lines);
    }

    [Fact]
    public async Task Concurrent_appends_are_all_durable_and_in_the_order_they_completed()
    {
        await using (var spool = Open())
            await Task.WhenAll(Enumerable.Range(0, 200).Select(i => spool.AppendAsync(Lines($"m v={i}i"), 1)));
        await using var reopened = Open();
        var text = Encoding.UTF8.GetString(new SpoolReader(reopened).ReadBatch(1000)!.Body.Span);
        Assert.Equal(200, text.Split('\n').Distinct().Count());
    }

    [Fact]
    public async Task Delivered_records_are_not_delivered_again_and_their_segments_go()
    {
        await using (var spool = Open(segmentBytes: 1 << 16))
        {
            for (var i = 0; i < 50; i++)
                await spool.AppendAsync(new string('x', 4000).Select(c => (byte)c).ToArray(), 1);
            var reader = new SpoolReader(spool);
            var batch = reader.ReadBatch(30)!;
            Assert.Equal(30, batch.Lines);
            spool.Delivered(batch.End, batch.Bytes, batch.Lines, batch.NextAppendedAtMs);
            reader.Advance(batch);
            Assert.Equal(20, spool.BacklogLines);
            Assert.True(spool.Files.Segments()[0] >= batch.End.Segment, "segments before the checkpoint are deleted");
        }
        await using var reopened = Open(segmentBytes: 1 << 16);
        Assert.Equal(20, reopened.BacklogLines);
        Assert.Equal(20, new SpoolReader(reopened).ReadBatch(1000)!.Lines);
    }

    [Fact]
    public async Task A_torn_record_at_the_tail_is_cut_off_and_the_good_ones_stay()
    {
        string segment;
        await using (var spool = Open())
        {
            await spool.AppendAsync(Lines("good 1"), 1);
            await spool.AppendAsync(Lines("good 2"), 1);
            segment = spool.Files.SegmentPath(spool.Head.Segment);
        }
        // A crash in the middle of a write: a header that promises more than was written.
        await using (var f = new FileStream(segment, FileMode.Append))
            f.Write(new byte[] { 200, 0, 0, 0, 1, 2, 3 });
        await using var reopened = Open();
        Assert.Equal(2, reopened.BacklogLines);
        await reopened.AppendAsync(Lines("after 3"), 1);
        Assert.Equal("good 1\ngood 2\nafter 3", Encoding.UTF8.GetString(new SpoolReader(reopened).ReadBatch(10)!.Body.Span));
    }

    [Fact]
    public async Task Appends_over_the_disk_budget_are_refused_and_nothing_of_them_is_written()
    {
        await using var spool = Open(budget: 1 << 20);
        await spool.AppendAsync(new byte[900_000], 1);
        var ex = await Assert.ThrowsAsync<SpoolFullException>(() => spool.AppendAsync(new byte[200_000], 1));
        Assert.Contains("budget", ex.Message);
        Assert.Equal(1, spool.BacklogLines);
    }

    // The spool writes and fsyncs on a thread of its own, not on a pool worker that the fsync
    // would block (decision 0026, thirteenth pass); the thread must not outlive its spool.
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

    private WriteAheadSpool Open(long segmentBytes = 64 << 20, long budget = 1L << 30) =>
        new(Options.Create(new SpoolOptions { Directory = _dir, SegmentBytes = segmentBytes, DiskBudgetBytes = budget }), TimeProvider.System);

    private static byte[] Lines(params string[] lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines));
}
