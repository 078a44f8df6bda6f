using System.Collections.Concurrent;
using CxMonitor.Web.Jobs;

namespace CxMonitor.Web.Tests.Jobs;

/// <summary>One job class for every test: what a run does, and what it saw, lives in the
/// <see cref="JobProbe"/> of the job name it runs under.</summary>
internal sealed class ProbeJob(JobProbes probes) : IScheduledJob
{
    public Task RunAsync(JobRunContext context, CancellationToken ct) => probes[context.JobName].RunAsync(context, ct);
}

internal sealed class JobProbes
{
    private readonly ConcurrentDictionary<string, JobProbe> _probes = new();

    public JobProbe this[string jobName] => _probes.GetOrAdd(jobName, _ => new JobProbe());
}

internal sealed class JobProbe
{
    private int _started;
    private int _finished;
    private int _running;
    private int _maxRunning;

    /// <summary>What a run does; gets the run's number, counted from 1.</summary>
    public Func<int, CancellationToken, Task> Body { get; set; } = (_, _) => Task.CompletedTask;

    public ConcurrentQueue<JobRunContext> Contexts { get; } = new();

    public ConcurrentQueue<Exception> Failures { get; } = new();

    public int Started => Volatile.Read(ref _started);

    public int Finished => Volatile.Read(ref _finished);

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public async Task RunAsync(JobRunContext context, CancellationToken ct)
    {
        var run = Interlocked.Increment(ref _started);
        var running = Interlocked.Increment(ref _running);
        for (var max = MaxRunning; running > max; max = MaxRunning)
            Interlocked.CompareExchange(ref _maxRunning, running, max);
        Contexts.Enqueue(context);
        try
        {
            await Body(run, ct);
        }
        catch (Exception ex)
        {
            Failures.Enqueue(ex);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            Interlocked.Increment(ref _finished);
        }
    }
}
