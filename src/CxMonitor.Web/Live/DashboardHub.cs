using CxMonitor.Web.Metrics;
using Microsoft.AspNetCore.SignalR;

namespace CxMonitor.Web.Live;

/// <summary>The live channel at <c>/hubs/live</c>. A client subscribes to scopes and first gets
/// their current snapshots, then every change and coalesced rating activity. Clients call
/// Subscribe again after every reconnect, and so get the current state first again.</summary>
public sealed class DashboardHub(SnapshotStore snapshots, LiveSequence sequence, TimeProvider clock, CxMonitor.Web.Alerts.Store.AlertStore alerts,
    CxMonitor.Web.Access.Reach.ReadReachResolver reaches) : Hub<IDashboardClient>
{
    public const int MaxScopes = 500;

    /// <summary>Every alert as it is: people who may see personal data (<see cref="CxMonitor.Web.Access.PersonalData"/>).</summary>
    public const string AlertsGroup = "alerts";

    /// <summary>Every alert, masked: all-sites keys, executives, screens whose board shows everything.</summary>
    public const string MaskedAlertsGroup = "alerts:masked";

    /// <summary>One site's alerts, masked. A connection is in one alert group kind only, so an
    /// alert sent to its site's group and to the masked group arrives once.</summary>
    public static string AlertsGroupOf(string site) => "alerts:site:" + site;

    /// <summary>The groups an alert is sent to masked.</summary>
    public static IReadOnlyList<string> MaskedAlertGroups(string? site) => site is null ? [MaskedAlertsGroup] : [MaskedAlertsGroup, AlertsGroupOf(site)];

    /// <summary>The open alerts first (the wall overlay and the console), then every change; a key
    /// or a screen gets those of the sites it may read.</summary>
    public async Task<IReadOnlyList<CxMonitor.Web.Alerts.Store.AlertRecord>> SubscribeAlerts()
    {
        var reach = reaches.For(Context.User!);
        // Joined first: a change during the listing arrives twice (clients keep the newest by
        // sequence) rather than not at all.
        var unmasked = CxMonitor.Web.Access.PersonalData.MaySee(Context.User!);
        if (reach.All || reach.AllAlerts)
            await Groups.AddToGroupAsync(Context.ConnectionId, unmasked ? AlertsGroup : MaskedAlertsGroup);
        else
        {
            foreach (var site in reach.AlertSites)
                await Groups.AddToGroupAsync(Context.ConnectionId, AlertsGroupOf(site));
        }
        var open = await alerts.ListAsync("open", null, null, null, reach.All || reach.AllAlerts ? 200 : 1000, Context.ConnectionAborted);
        return CxMonitor.Web.Access.PersonalData.For(Context.User!, [.. open.Where(a => reach.CanReadAlert(a.Site)).Take(200)]);
    }

    public static string Group(string scope) => "scope:" + scope;

    public async Task<LiveWelcome> Subscribe(string[] scopes)
    {
        if (scopes.Length > MaxScopes)
            throw new HubException($"At most {MaxScopes} scopes per connection.");
        var reach = reaches.For(Context.User!);
        var parsed = new List<string>(scopes.Length);
        foreach (var text in scopes)
        {
            if (!SatisfactionScope.TryParse(text, out var scope))
                throw new HubException($"'{text}' is not a scope: use all, site:ID, channel:NAME, touchpoint:NAME or site-touchpoint:ID/NAME.");
            if (!reach.CanRead(scope))
                throw new HubException($"'{text}' is not readable with this key or screen: a key reads the sites it was made for, a screen the scopes on its board.");
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
