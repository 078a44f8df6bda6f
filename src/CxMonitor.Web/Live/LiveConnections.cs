using System.Collections.Concurrent;
using System.Security.Claims;
using CxMonitor.Web.Access;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Pages;
using Microsoft.AspNetCore.SignalR;

namespace CxMonitor.Web.Live;

/// <summary>What let a live connection in: an API key, a wall screen's display token or a
/// person's session. Each can be revoked while the connection stays open.</summary>
public sealed record LiveCredential(LiveCredential.Kinds Kind, string Id)
{
    public enum Kinds { Key, Display, Session, Unknown }

    public static LiveCredential Of(ClaimsPrincipal user) =>
        ApiKeyClaims.KeyId(user) is { } key ? new(Kinds.Key, key)
        : user.FindFirst(DisplayAuthenticationHandler.IdClaim)?.Value is { } display ? new(Kinds.Display, display)
        : PersonClaims.SessionId(user) is { } session ? new(Kinds.Session, session)
        : new(Kinds.Unknown, "");
}

/// <summary>The open <c>/hubs/live</c> connections of this node and what let each in, so that
/// <see cref="LiveRevocationSweep"/> can close those whose credential was revoked: SignalR checks
/// authorization only when a connection opens.</summary>
public sealed class LiveConnections
{
    private readonly ConcurrentDictionary<string, (LiveCredential Credential, HubCallerContext Context)> _open = new(StringComparer.Ordinal);

    public int Count => _open.Count;

    public void Opened(HubCallerContext context) => _open[context.ConnectionId] = (LiveCredential.Of(context.User ?? new ClaimsPrincipal()), context);

    public void Closed(string connectionId) => _open.TryRemove(connectionId, out _);

    public IReadOnlyList<(LiveCredential Credential, HubCallerContext Context)> Open() => [.. _open.Values];
}

/// <summary>Registers every live connection with <see cref="LiveConnections"/> for its lifetime,
/// outside the hub so the hub keeps to subscriptions.</summary>
internal sealed class LiveConnectionTracking(LiveConnections connections) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        connections.Opened(context.Context);
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        connections.Closed(context.Context.ConnectionId);
        await next(context, exception);
    }
}
