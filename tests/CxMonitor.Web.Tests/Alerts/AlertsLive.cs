using CxMonitor.Testing;
using CxMonitor.Web.Tests.Ingest;

namespace CxMonitor.Web.Tests.Alerts;

/// <summary>In-app notification: a real SignalR client (Node) in the alerts group.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class AlertsLive(InfluxdFixture influxd) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly string _rules = AlertsApp.RuleFolder();
    private IngestApp _app = null!;

    public async Task InitializeAsync() =>
        _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(AlertsLive)), extra: AlertsApp.Settings(_rules), port: FreePort.Next());

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_rules, recursive: true);
    }

    [Fact]
    public async Task A_screen_gets_the_open_alerts_first_then_each_change_as_it_happens()
    {
        var client = await _app.ClientWithKeyAsync();
        await AlertsApp.PostAsync(client, AlertsApp.PoisoningRating("before"));
        // The rating's alert is opened after the 202, on the alert service's queue: the screen
        // connects once it is stored, so it must come in the first listing.
        await AlertsApp.WaitForOpenAlertAsync(client, "site:north");

        await using var live = LiveClientProcess.Start(_app.BaseAddress, _app.LastKey!, alerts: true, "all");
        var open = live.NextOf(Wait, "alerts-open").GetProperty("data");
        await AlertsApp.PostAsync(client, AlertsApp.PoisoningRating("after", site: "south"));
        var update = live.NextOf(Wait, "alert").GetProperty("data");

        Assert.Equal("site:north", open[0].GetProperty("scope").GetString());
        Assert.Equal("firing", update.GetProperty("change").GetString());
        Assert.Equal("site:south", update.GetProperty("alert").GetProperty("scope").GetString());
        Assert.Equal("critical", update.GetProperty("alert").GetProperty("severity").GetString());
    }
}
