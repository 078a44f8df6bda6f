using CxMonitor.Core.Retries;
using CxMonitor.Influx;
using CxMonitor.Influx.Setup;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Data;

public static class InfluxStorage
{
    /// <summary>One <see cref="InfluxDBClient"/> for the process: it pools connections.</summary>
    public static IHostApplicationBuilder AddInfluxStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InfluxStorageOptions>()
            .BindConfiguration(InfluxStorageOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.AuthScheme != InfluxAuthScheme.UserPassword || !string.IsNullOrEmpty(o.Username), "Influx:Username is required when Influx:AuthScheme is UserPassword.")
            .Validate(o => o.AuthScheme is not (InfluxAuthScheme.Token or InfluxAuthScheme.Bearer) || !string.IsNullOrEmpty(o.Token), "Influx:Token is required when Influx:AuthScheme is Token or Bearer.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new InfluxDBClient(sp.GetRequiredService<IOptions<InfluxStorageOptions>>().Value.ToClientOptions()));
        builder.Services.AddSingleton(sp => new InfluxDatabases(sp.GetRequiredService<IOptions<InfluxStorageOptions>>().Value.CreateDatabases));
        builder.Services.AddHostedService<InfluxDatabaseSetup>();
        return builder;
    }
}

/// <summary>Creates the raw and rollup databases (with their retention) on 1.x: once before the
/// other services start, then again with backoff until it succeeds, and again whenever a write
/// finds no database. The app starts either way: ingest spools, and readiness says not ready.</summary>
internal sealed class InfluxDatabaseSetup(
    InfluxDBClient client, InfluxDatabases databases, IOptions<InfluxStorageOptions> options, ILogger<InfluxDatabaseSetup> logger) : BackgroundService
{
    private static readonly Backoff Retry = new() { First = TimeSpan.FromMilliseconds(200), Max = TimeSpan.FromSeconds(10) };
    private bool _failing;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The first try is awaited so that jobs starting next find the databases when InfluxDB is up.
        if (options.Value.CreateDatabases)
            await TryCreateAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.CreateDatabases)
            return;
        var failures = databases.Present ? 0 : 1;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (failures == 0)
                    await databases.WaitUntilMissingAsync(stoppingToken);
                else
                    await Task.Delay(Retry.DelayAfter(failures, null, Random.Shared), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            failures = await TryCreateAsync(stoppingToken) ? 0 : failures + 1;
        }
    }

    private async Task<bool> TryCreateAsync(CancellationToken ct)
    {
        var o = options.Value;
        try
        {
            var setup = new InfluxV1Setup(client);
            await setup.EnsureDatabaseAsync(o.Database, TimeSpan.FromDays(o.RawRetentionDays), ct, TimeSpan.FromDays(o.RawShardDays));
            await setup.EnsureDatabaseAsync(o.RollupDatabase, TimeSpan.FromDays(o.RollupRetentionDays), ct);
            if (_failing)
                logger.LogInformation("Created the InfluxDB databases {Database} and {RollupDatabase} at {Url}", o.Database, o.RollupDatabase, o.Url);
            _failing = false;
            databases.Created();
            return true;
        }
        catch (InfluxException ex)
        {
            databases.CreationFailed($"could not create the databases {o.Database} and {o.RollupDatabase}: {ex.Message}");
            if (!_failing)
                logger.LogWarning("Could not create the InfluxDB databases at {Url}, retrying until it works: {Error}", o.Url, ex.Message);
            _failing = true;
            return false;
        }
    }
}
