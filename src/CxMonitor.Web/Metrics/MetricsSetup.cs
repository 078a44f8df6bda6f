using CxMonitor.Web.Jobs;
using CxMonitor.Web.Metrics.Recent;

namespace CxMonitor.Web.Metrics;

public static class MetricsSetup
{
    public static IHostApplicationBuilder AddSatisfactionMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RecentTotals>();
        builder.Services.AddSingleton<RecentTotalsFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RecentTotalsFeed>());
        builder.Services.AddSingleton<RecentTotalsLoader>();
        builder.Services.AddSingleton<RecentTotalsWarmup>();
        builder.Services.AddSingleton<RecentTotalsReconciliation>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RecentTotalsReconciliation>());
        builder.Services.AddSingleton<SharedRecentTotals>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SharedRecentTotals>());
        builder.Services.AddSingleton<RollupCache>();
        builder.Services.AddSingleton<CellReader>();
        builder.Services.AddSingleton<BaselineCache>();
        builder.Services.AddSingleton<RollingSatisfaction>();
        builder.Services.AddSingleton<SnapshotPublisher>();
        builder.Services.AddSingleton<SeriesQuery>();
        builder.Services.AddSingleton<Rollups>();
        builder.Services.AddSingleton<RollupBacklogStore>();
        builder.Services.AddSingleton<RollupBacklog>();
        builder.Services.AddSingleton<RollupRebuilds>();
        builder.Services.AddHostedService<RollupStateAtStart>();
        builder.Services.AddHostedService<SnapshotWarmup>();
        builder.Services.AddScheduledJob<RollingSatisfactionJob>(RollingSatisfactionJob.Name, TimeSpan.FromSeconds(10));
        builder.Services.AddScheduledJob<RollupJob>(RollupJob.Name, TimeSpan.FromMinutes(1));
        return builder;
    }

    /// <summary>Reads the hours left waiting by the previous run, and notes which rebuilds are
    /// already known, before the first request and the first job run.</summary>
    private sealed class RollupStateAtStart(RollupBacklog backlog, RollupRebuilds rebuilds) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await backlog.LoadAsync().WaitAsync(cancellationToken);
            await rebuilds.SinceLastAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
