using System.Collections.Concurrent;

namespace CxMonitor.Web.Jobs;

/// <summary>Runs in flight across all jobs: lets shutdown wait for them (and cancel them after its
/// timeout), and lets <see cref="IJobTrigger.RunNowAsync"/> wait for the one run it fired.</summary>
internal sealed class JobRuns
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JobRunResult>> _waiters = new();
    private readonly Lock _lock = new();
    private readonly HashSet<CancellationTokenSource> _running = [];
    private TaskCompletionSource _idle = NewIdleSignal(completed: true);

    /// <summary>The returned source cancels when <paramref name="stopping"/> does or shutdown gives up waiting.</summary>
    public CancellationTokenSource Begin(CancellationToken stopping)
    {
        var run = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        lock (_lock)
        {
            if (_running.Count == 0)
                _idle = NewIdleSignal(completed: false);
            _running.Add(run);
        }
        return run;
    }

    public void End(CancellationTokenSource run)
    {
        lock (_lock)
        {
            if (_running.Remove(run) && _running.Count == 0)
                _idle.TrySetResult();
        }
        run.Dispose();
    }

    /// <summary>True when no run is in flight any more; false when the timeout or token came first.</summary>
    public async Task<bool> WaitIdleAsync(TimeSpan timeout, CancellationToken ct)
    {
        Task idle;
        lock (_lock)
            idle = _idle.Task;
        try
        {
            await idle.WaitAsync(timeout, ct);
            return true;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            return false;
        }
    }

    public void CancelRunning()
    {
        CancellationTokenSource[] running;
        lock (_lock)
            running = [.. _running];
        foreach (var run in running)
        {
            try
            {
                run.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // That run ended between the snapshot and here: nothing left to cancel.
            }
        }
    }

    public Task<JobRunResult> Expect(string runId)
    {
        var waiter = new TaskCompletionSource<JobRunResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters[runId] = waiter;
        return waiter.Task;
    }

    public void Complete(string runId, JobRunResult result)
    {
        if (_waiters.TryRemove(runId, out var waiter))
            waiter.TrySetResult(result);
    }

    public void Forget(string runId) => _waiters.TryRemove(runId, out _);

    /// <summary>At shutdown: a fired run that never started will not start now.</summary>
    public void AbandonWaiters()
    {
        foreach (var runId in _waiters.Keys)
        {
            if (_waiters.TryRemove(runId, out var waiter))
                waiter.TrySetException(new InvalidOperationException("The job scheduler stopped before the run finished."));
        }
    }

    private static TaskCompletionSource NewIdleSignal(bool completed)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
            signal.SetResult();
        return signal;
    }
}
