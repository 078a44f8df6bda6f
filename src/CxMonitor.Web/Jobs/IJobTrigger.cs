namespace CxMonitor.Web.Jobs;

/// <summary>Runs a scheduled job outside its schedule (admin action, tests).</summary>
public interface IJobTrigger
{
    /// <summary>Fires the job through the scheduler, so it still never overlaps a running tick of
    /// itself (it waits for that run to end first), and returns when this run has finished.
    /// Works for disabled jobs too. Throws <see cref="KeyNotFoundException"/> for an unknown name
    /// and <see cref="InvalidOperationException"/> when the scheduler is not running.</summary>
    Task<JobRunResult> RunNowAsync(string name, CancellationToken ct = default);
}
