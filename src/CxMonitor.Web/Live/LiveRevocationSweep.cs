using CxMonitor.Web.Access;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Pages;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Live;

/// <summary>Every <see cref="LiveOptions.RevocationCheckInterval"/>, checks the credential of each
/// open live connection against app state and closes those whose key or display token was revoked,
/// or whose session ended (signed out, disabled, password reset, role change). Reading app state,
/// not this node's caches, also catches a revocation made on another node or by the CLI.</summary>
internal sealed class LiveRevocationSweep(
    LiveConnections connections, IServiceProvider services, IOptions<LiveOptions> options, TimeProvider time, ILogger<LiveRevocationSweep> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RevocationCheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Tried again at the next tick; a database hiccup must not stop the checks for good.
                logger.LogWarning(ex, "Could not check the live connections' credentials");
            }
        }
    }

    /// <summary>Closes the connections whose credential no longer holds; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var open = connections.Open();
        if (open.Count == 0)
            return 0;
        // One check per credential: a hundred screens on one board share a token.
        var verdicts = new Dictionary<LiveCredential, bool>();
        var closed = 0;
        foreach (var (credential, context) in open)
        {
            if (!verdicts.TryGetValue(credential, out var holds))
                verdicts[credential] = holds = await HoldsAsync(credential, ct);
            if (holds)
                continue;
            context.Abort();
            connections.Closed(context.ConnectionId);
            closed++;
        }
        if (closed > 0)
            logger.LogInformation("Closed {Count} live connections whose key, display token or session was revoked", closed);
        return closed;
    }

    private async Task<bool> HoldsAsync(LiveCredential credential, CancellationToken ct) => credential.Kind switch
    {
        LiveCredential.Kinds.Key => await services.GetRequiredService<ApiKeyStore>().IsActiveAsync(credential.Id, ct),
        LiveCredential.Kinds.Display => await services.GetRequiredService<DisplayTokens>().IsActiveAsync(credential.Id, ct),
        LiveCredential.Kinds.Session => await services.GetRequiredService<PersonSessions>().FindOpenAsync(credential.Id, ct) is not null,
        // Nothing that could be revoked let it in: fail closed rather than keep it open forever.
        _ => false,
    };
}
