using CxMonitor.Web.Ingest.Spool;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>A drainer that has caught up waits for the spool's next write, or a second. Under load
/// it waits once per write; a Task.Delay beside each write stayed armed for its whole second and
/// woke the runtime's timer thread once per write (decision 0026, twelfth pass).</summary>
public class DrainerWaitsWithoutTimers
{
    [Fact]
    public async Task Waits_ended_by_a_write_leave_no_timer_armed()
    {
        const int Writes = 1_000;
        using var stopping = new CancellationTokenSource();
        var before = Timer.ActiveCount;
        for (var i = 0; i < Writes; i++)
        {
            var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var waiting = SpoolDrainer.NextWriteOrSecond(write.Task, stopping.Token);
            write.SetResult();
            await waiting;
        }
        // Other tests of this process arm timers too, but not hundreds within these milliseconds;
        // the old wait left one armed per write.
        Assert.True(Timer.ActiveCount - before < Writes / 10,
            $"{Timer.ActiveCount - before} more timers armed after {Writes} waits that a write ended");
    }

    [Fact]
    public async Task A_wait_without_a_write_ends_after_a_second_and_a_stop_ends_it_at_once()
    {
        var never = new TaskCompletionSource().Task;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await SpoolDrainer.NextWriteOrSecond(never, CancellationToken.None);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(10));

        using var stopping = new CancellationTokenSource();
        var waiting = SpoolDrainer.NextWriteOrSecond(never, stopping.Token);
        stopping.Cancel();
        // Neither the stop nor the timeout is thrown: the loop looks at its token itself.
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(waiting.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_failed_write_ends_the_wait_without_throwing()
    {
        var failed = Task.FromException(new IOException("disk"));
        await SpoolDrainer.NextWriteOrSecond(failed, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }
}
