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
        builder.Services.AddSingleton<RecentTotalsWarmup>();
        builder.Services.AddSingleton<RollupCache>();
        builder.Services.AddSingleton<CellReader>();
        builder.Services.AddSingleton<BaselineCache>();
        builder.Services.AddSingleton<RollingSatisfaction>();
        builder.Services.AddSingleton<SnapshotPublisher>();
        builder.Services.AddSingleton<SeriesQuery>();
        builder.Services.AddSingleton<Rollups>();
        builder.Services.AddSingleton<RollupBacklog>();
        // The backlog listens to ingest from the first request on, not from the first rollup run.
        builder.Services.AddHostedService(sp => new StartWithHost(sp.GetRequiredService<RollupBacklog>()));
        builder.Services.AddHostedService<SnapshotWarmup>();
        builder.Services.AddScheduledJob<RollingSatisfactionJob>(RollingSatisfactionJob.Name, TimeSpan.FromSeconds(10));
        builder.Services.AddScheduledJob<RollupJob>(RollupJob.Name, TimeSpan.FromMinutes(1));
        return builder;
    }

    private sealed class StartWithHost(object started) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.FromResult(started);
    }
}
