using CxMonitor.Simulator.Catalog;
using CxMonitor.Simulator.Cli;
using CxMonitor.Simulator.Generation;
using CxMonitor.Simulator.Sending;

namespace CxMonitor.Simulator.Runs;

/// <summary>
/// Live mode: simulated time is wall-clock time. Seconds are generated once they are over, so after
/// a stall (a long Retry-After, a suspended laptop) the missed seconds are caught up with their own
/// time stamps rather than skipped.
/// </summary>
internal sealed class LiveRun(SimulatorOptions options, IBatchSender sender, Action<string> log, TimeProvider clock, IBatchSender? pushSender = null)
{
    private static readonly TimeSpan _tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan _statusEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan _lastFlushLimit = TimeSpan.FromSeconds(5);

    private readonly LiveOutbox _outbox = new(sender, options.Batch, log, options.PushFeed is { } feed && pushSender is not null ? (feed, options.PushSite, pushSender) : null);

    /// <param name="from">First simulated second: now, or the end of a backfill so that history and live join up.</param>
    public async Task<int> RunAsync(DateTimeOffset from, int seed, IReadOnlyList<DemoSite> sites, CancellationToken stop)
    {
        var startedAt = clock.GetUtcNow();
        var incidents = options.Incidents
            ? IncidentSchedule.Plan(SliceSampler.TruncateToSecond(startedAt), sites, options.IncidentOffset)
            : IncidentSchedule.None;
        foreach (var note in incidents.Notes)
            log(note);
        foreach (var incident in incidents.Incidents)
            log($"incident {incident.Number} planned {incident.Start:MM-dd HH:mm:ss}–{incident.End:HH:mm:ss} UTC: {incident.Description}");
        if (options.GroundTruth is { } truthFile)
        {
            await File.WriteAllTextAsync(truthFile, incidents.ToJson(), stop);
            log($"ground truth: {incidents.Incidents.Count} incidents written to {truthFile}");
        }

        var generator = new RatingGenerator(seed, sites, options.Rate, incidents);
        var next = SliceSampler.TruncateToSecond(from);
        var end = options.Duration is { } duration ? SliceSampler.TruncateToSecond(startedAt) + duration : DateTimeOffset.MaxValue;
        var nextStatus = startedAt + _statusEvery;
        var open = sites.Where(s => s.IsOpen(startedAt)).Select(s => s.Id).ToList();
        log($"live: {options.Rate} ratings/s on weekly average, about {generator.ExpectedRatingsPerSecond(startedAt):0.##}/s " +
            $"right now (open: {(open.Count == 0 ? "none, online channels only" : string.Join(", ", open))}), " +
            $"to {options.Url}" + (options.Duration is null ? " until Ctrl+C" : $" for {options.Duration}"));
        // The duration also cuts short a send stuck in retries, so a timed run ends on time; the grace
        // lets the last second be generated and sent normally.
        using var timeUp = new CancellationTokenSource(
            options.Duration is null ? Timeout.InfiniteTimeSpan : end - clock.GetUtcNow() + 2 * _tick, clock);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(stop, timeUp.Token);
        var code = 0;
        try
        {
            while (next < end)
            {
                var now = clock.GetUtcNow();
                for (; next + _tick <= now && next < end; next += _tick)
                {
                    _outbox.Add(generator.Next(next));
                    foreach (var transition in incidents.TransitionsBetween(next, next + _tick))
                        log(transition.ToString());
                }
                await _outbox.FlushAsync(complete: false, running.Token);
                if (now >= nextStatus)
                {
                    log(_outbox.Status());
                    nextStatus += _statusEvery;
                }
                var wait = next + _tick - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, clock, running.Token);
            }
        }
        catch (OperationCanceledException) when (running.IsCancellationRequested)
        {
            log(stop.IsCancellationRequested ? "stopping: sending what is pending" : "time is up: sending what is pending");
        }
        catch (AccessDeniedException e)
        {
            _outbox.LastError = e.Message;
            log($"stopping: the server refused the API key: {e.Message}");
            code = 1;
        }
        if (code == 0)
            code = await SendRestAsync();
        log($"live done after {clock.GetUtcNow() - startedAt:hh\\:mm\\:ss}: {_outbox.Status()}");
        if (code == 0 && _outbox.Undelivered > 0)
        {
            log($"{_outbox.Undelivered:N0} items never reached the server");
            code = 1;
        }
        return code;
    }

    private async Task<int> SendRestAsync()
    {
        using var limit = new CancellationTokenSource(_lastFlushLimit);
        try
        {
            await _outbox.FlushAsync(complete: true, limit.Token);
        }
        catch (OperationCanceledException)
        {
            log($"gave up on the last items after {_lastFlushLimit.TotalSeconds:0} s");
        }
        catch (AccessDeniedException e)
        {
            log($"the server refused the API key: {e.Message}");
            return 1;
        }
        return 0;
    }
}
