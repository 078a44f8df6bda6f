using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Sites;

/// <summary>Brings the catalog up at start: inserts configured sites that are missing, then
/// loads the snapshot. The web host runs it as a hosted service and the CLI calls it directly.</summary>
public sealed class SiteSeeding(SiteCatalog catalog, IOptions<SiteSeedOptions> seed, ILogger<SiteSeeding> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        // Reading Value runs SiteSeedValidation first, so every entry converts here.
        var sites = seed.Value.Sites.Select(d => d.TryToSite(out var site, out _) ? site! : throw new UnreachableException());
        var inserted = await catalog.InsertMissingAsync(sites, cancellationToken);
        await catalog.ReloadAsync(cancellationToken);
        if (inserted > 0)
            logger.LogInformation("Added {Count} site(s) from configuration; the catalog has {Total}", inserted, catalog.All.Count);
    }
}

/// <summary>In <see cref="IHostedLifecycleService.StartingAsync"/> so that the catalog is loaded
/// before Kestrel takes requests and before other hosted services start.</summary>
internal sealed class SiteCatalogStartup(SiteSeeding seeding) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => seeding.RunAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
