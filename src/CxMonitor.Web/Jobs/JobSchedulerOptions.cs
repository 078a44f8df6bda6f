using System.ComponentModel.DataAnnotations;

namespace CxMonitor.Web.Jobs;

/// <summary>The scheduler as a whole, bound from <c>JobScheduler</c>. A section of its own rather
/// than keys under <c>Jobs</c>, where every child is a job name (only <c>Jobs:Storage</c>,
/// <c>Jobs:ConnectionString</c> and <c>Jobs:LockTimeout</c> are reserved there, see <see cref="JobStorageOptions"/>).</summary>
public sealed class JobSchedulerOptions
{
    public const string Section = "JobScheduler";

    /// <summary>How long stopping the app waits for running jobs before cancelling them. Stays
    /// under the host's own 30 s shutdown timeout so the cancelled jobs still get to wind down.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often Hangfire looks for due recurring jobs and retries: a run starts up to
    /// this late (the scheduling delay the jobs benchmark measures).</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a failed scheduled run is tried again before it shows as failed; the
    /// next tick of its schedule runs regardless.</summary>
    [Range(0, 20)]
    public int RetryAttempts { get; set; } = 3;

    /// <summary>The first retry's wait; later ones grow by the one backoff policy up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryFirstDelay { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a run asked for by hand waits for a running tick of the same job to end.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RunNowWait { get; set; } = TimeSpan.FromMinutes(10);
}
