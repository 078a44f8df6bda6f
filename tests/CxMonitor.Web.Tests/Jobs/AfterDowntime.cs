using CxMonitor.Web.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Jobs;

/// <summary>On SQLite (or PostgreSQL) storage the schedule outlives the app: after downtime a job
/// runs once, not once per tick it missed.</summary>
public class AfterDowntime
{
    private const string EverySecond = "* * * * * *";
    private static readonly (string, string) Sqlite = ("Jobs:Storage", "Sqlite");

    [Fact]
    public async Task A_job_that_missed_several_ticks_while_the_app_was_down_runs_once_at_start()
    {
        var state = Directory.CreateTempSubdirectory("cxmonitor-jobs-downtime-").FullName;
        try
        {
            var probes = new JobProbes();
            var probe = probes["digest"];
            await using (var first = new JobsApp(s => s.AddScheduledJob<ProbeJob>("digest", EverySecond), probes, state, Sqlite))
            {
                _ = first.Client;
                await JobsApp.Eventually(() => probe.Finished >= 1, "a first run", withinSeconds: 10);
            }
            var before = probe.Finished;
            var downFrom = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(4)); // four ticks missed
            var downTo = DateTimeOffset.UtcNow;

            await using var second = new JobsApp(s => s.AddScheduledJob<ProbeJob>("digest", EverySecond), probes, state, Sqlite);
            var storage = second.Services.GetRequiredService<JobStorage>();
            await JobsApp.Eventually(() => probe.Finished > before, "a run after the downtime", withinSeconds: 10);

            // Strict misfire handling would have made a job for every tick of the downtime, each
            // with that tick as its time; relaxed makes one, due at the restart.
            // Each list is read in the order a job moves through them: the run just woken on is
            // still Processing, and Hangfire's worker marks it Succeeded right after; read the other
            // way round, a job that moves between two reads is in neither.
            var monitoring = storage.GetMonitoringApi();
            string[] ids = [.. monitoring.EnqueuedJobs("default", 0, 1_000).Select(j => j.Key)];
            ids = [.. ids, .. monitoring.ProcessingJobs(0, 1_000).Select(j => j.Key)];
            ids = [.. ids, .. monitoring.SucceededJobs(0, 10_000).Select(j => j.Key)];
            ids = [.. ids, .. monitoring.FailedJobs(0, 1_000).Select(j => j.Key)];
            using var connection = storage.GetConnection();
            var due = ids.Select(id => connection.GetJobParameter(id, "Time")).Where(t => t is not null)
                .Select(t => DateTimeOffset.FromUnixTimeSeconds(long.Parse(t!, System.Globalization.CultureInfo.InvariantCulture)))
                .ToArray();
            Assert.NotEmpty(due);
            Assert.DoesNotContain(due, t => t > downFrom.AddSeconds(1) && t < downTo.AddSeconds(-1));
            Assert.Contains(due, t => t >= downTo.AddSeconds(-1));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
