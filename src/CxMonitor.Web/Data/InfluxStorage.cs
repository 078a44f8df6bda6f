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
        builder.Services.AddHostedService<InfluxDatabaseSetup>();
        return builder;
    }
}

/// <summary>Creates the raw and rollup databases on 1.x at start. If InfluxDB is not up yet the
/// app still starts (ingest spools) and readiness reports the problem.</summary>
internal sealed class InfluxDatabaseSetup(
    InfluxDBClient client, IOptions<InfluxStorageOptions> options, ILogger<InfluxDatabaseSetup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.CreateDatabases)
            return;
        try
        {
            var setup = new InfluxV1Setup(client);
            await setup.EnsureDatabaseAsync(o.Database, TimeSpan.FromDays(o.RawRetentionDays), cancellationToken, TimeSpan.FromDays(o.RawShardDays));
            await setup.EnsureDatabaseAsync(o.RollupDatabase, TimeSpan.FromDays(o.RollupRetentionDays), cancellationToken);
        }
        catch (InfluxException ex)
        {
            logger.LogWarning("Could not create the InfluxDB databases at {Url}: {Error}", o.Url, ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
