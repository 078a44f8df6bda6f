using CxMonitor.Web.Ingest.Spool;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Ingest;

/// <summary>Loads the remembered ids at start and saves them at shutdown, beside the spool.</summary>
public sealed class RecentIdsPersistence(RecentIds ids, IOptions<SpoolOptions> spool, ILogger<RecentIdsPersistence> logger) : IHostedService
{
    private string Path => System.IO.Path.Combine(spool.Value.Directory!, "recent-ids.bin");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            ids.Load(Path);
        }
        catch (IOException ex)
        {
            logger.LogWarning("Could not read the remembered ids ({Error}); resends without a time may count again.", ex.Message);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            ids.Save(Path);
        }
        catch (IOException ex)
        {
            logger.LogWarning("Could not save the remembered ids: {Error}", ex.Message);
        }
        return Task.CompletedTask;
    }
}
