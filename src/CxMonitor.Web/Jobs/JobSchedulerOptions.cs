using System.ComponentModel.DataAnnotations;

namespace CxMonitor.Web.Jobs;

/// <summary>The scheduler as a whole, bound from <c>JobScheduler</c>. A section of its own rather
/// than keys under <c>Jobs</c>, where every child is a job name.</summary>
public sealed class JobSchedulerOptions
{
    public const string Section = "JobScheduler";

    /// <summary>How long stopping the app waits for running jobs before cancelling them. Stays
    /// under the host's own 30 s shutdown timeout so the cancelled jobs still get to wind down.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How late a tick may start and still run. A tick later than this (the previous
    /// run overran, or the process stalled) is skipped instead of run in a catch-up burst.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(1);
}
