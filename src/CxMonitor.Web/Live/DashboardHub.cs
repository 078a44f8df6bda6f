using CxMonitor.Web.Metrics;
using Microsoft.AspNetCore.SignalR;

namespace CxMonitor.Web.Live;

/// <summary>The live channel at <c>/hubs/live</c>. A client subscribes to scopes and first gets
/// their current snapshots, then every change and coalesced rating activity. Clients call
/// Subscribe again after every reconnect, and so get the current state first again.</summary>
public sealed class DashboardHub(SnapshotStore snapshots, LiveSequence sequence, TimeProvider clock, CxMonitor.Web.Alerts.Store.AlertStore alerts) : Hub<IDashboardClient>
{
    public const int MaxScopes = 500;

    public const string AlertsGroup = "alerts";

    /// <summary>The open alerts first (the wall overlay and the console), then every change.</summary>
    public async Task<IReadOnlyList<CxMonitor.Web.Alerts.Store.AlertRecord>> SubscribeAlerts()
    {
        // Joined first: a change during the listing arrives twice (clients keep the newest by
        // sequence) rather than not at all.
        await Groups.AddToGroupAsync(Context.ConnectionId, AlertsGroup);
        return await alerts.ListAsync("open", null, null, null, 200, Context.ConnectionAborted);
    }

    public static string Group(string scope) => "scope:" + scope;

    public async Task<LiveWelcome> Subscribe(string[] scopes)
    {
        if (scopes.Length > MaxScopes)
            throw new HubException($"At most {MaxScopes} scopes per connection.");
        var parsed = new List<string>(scopes.Length);
        foreach (var text in scopes)
        {
            if (!SatisfactionScope.TryParse(text, out var scope))
                throw new HubException($"'{text}' is not a scope: use all, site:ID, channel:NAME, touchpoint:NAME or site-touchpoint:ID/NAME.");
            parsed.Add(scope.ToString());
        }
        // State first, then the groups: nothing newer can overtake the current state.
        await Clients.Caller.Snapshots(new SnapshotUpdate(sequence.Next(), clock.GetUtcNow(), true, snapshots.For(parsed)));
        foreach (var scope in parsed)
            await Groups.AddToGroupAsync(Context.ConnectionId, Group(scope));
        return new LiveWelcome(sequence.Current, clock.GetUtcNow(), sequence.Build, parsed);
    }

    public async Task Unsubscribe(string[] scopes)
    {
        foreach (var scope in scopes.Take(MaxScopes))
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(scope));
    }
}
