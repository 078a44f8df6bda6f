using CxMonitor.Web.Ingest.Spool;
using CxMonitor.Web.Jobs;

namespace CxMonitor.Web.Metrics;

/// <summary>Every minute (Jobs:Rollup:Interval): rewrite the rollups of the current and the
/// previous hour, and of every older hour that received late data once its points have left
/// the spool.</summary>
public sealed class RollupJob(Rollups rollups, RollupBacklog backlog, WriteAheadSpool spool, TimeProvider clock) : IScheduledJob
{
    public const string Name = "Rollup";

    public async Task RunAsync(JobRunContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hourStart = CellReader.Floor(now);
        await rollups.RollUpAsync(hourStart.AddHours(-1), now, ct);

        // Marks newer than the oldest undelivered spool item may describe points not yet in InfluxDB.
        var deliveredBefore = spool.OldestBacklogAge is { } age ? now - age : now;
        var hours = backlog.Take(deliveredBefore);
        try
        {
            foreach (var run in Runs(hours.Where(h => h < hourStart.AddHours(-1))))
                await rollups.RollUpAsync(run.From, run.To, ct);
        }
        catch
        {
            backlog.Mark(hours); // try them again next time
            throw;
        }
    }

    /// <summary>Contiguous hours become one query.</summary>
    private static IEnumerable<(DateTimeOffset From, DateTimeOffset To)> Runs(IEnumerable<DateTimeOffset> hours)
    {
        DateTimeOffset? start = null, end = null;
        foreach (var h in hours)
        {
            if (start is null)
            {
                (start, end) = (h, h.AddHours(1));
            }
            else if (h - end!.Value <= TimeSpan.FromHours(24))
            {
                end = h.AddHours(1);
            }
            else
            {
                yield return (start.Value, end!.Value);
                (start, end) = (h, h.AddHours(1));
            }
        }
        if (start is not null)
            yield return (start.Value, end!.Value);
    }
}
