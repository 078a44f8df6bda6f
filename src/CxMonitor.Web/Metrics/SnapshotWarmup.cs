using CxMonitor.Web.Metrics.Recent;

namespace CxMonitor.Web.Metrics;

/// <summary>Computes the snapshots once before the server takes connections, so a screen that
/// reconnects after a restart gets the current state at once, not an empty one until the first
/// job run. Bounded: with InfluxDB down the app still starts, and the job fills in later.</summary>
public sealed class SnapshotWarmup(RecentTotalsWarmup recent, RollingSatisfaction rolling, SnapshotPublisher publisher, ILogger<SnapshotWarmup> logger) : IHostedService
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await recent.RunAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Limit);
        try
        {
            await publisher.PublishAsync(await rolling.ComputeAsync(timeout.Token), timeout.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Snapshots were not ready at start ({Error}); the first job run will compute them.", ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
