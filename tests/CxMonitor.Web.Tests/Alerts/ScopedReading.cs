using System.Net;
using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Pages;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Alerts;

/// <summary>A key of one site and a screen of one board read only what is theirs: snapshots,
/// series, alerts (list, detail, deliveries, silences, stats) and the live hub; and where the
/// rule files lie on the server is for admins only.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class ScopedReading(InfluxdFixture influxd) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _rules = AlertsApp.RuleFolder(AlertsApp.Rules + """

          - name: rats
            kind: event
            severity: critical
            keywords: ["rats"]
            route: duty
            summary: "Rats at {{site}}"
            description: "{{text}}"
        """);

    private static string RatsRating(string id, string site) =>
        $$"""{"id":"{{id}}","scale":"csat5","score":1,"site":"{{site}}","comment":"I saw rats in the kitchen"}""";
    private IngestApp _app = null!;
    private HttpClient _everything = null!;
    private long _northAlert;
    private long _southAlert;

    public async Task InitializeAsync()
    {
        var settings = AlertsApp.Settings(_rules);
        settings["Walls:Boards:north-wall:Title"] = "North";
        settings["Walls:Boards:north-wall:Tiles:0:Scope"] = "site:north";
        _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(ScopedReading)), extra: settings, port: FreePort.Next());
        _everything = await _app.ClientWithKeyAsync();
        await AlertsApp.PostAsync(_everything, AlertsApp.PoisoningRating("n1", "north"));
        await AlertsApp.PostAsync(_everything, AlertsApp.PoisoningRating("s1", "south"));
        var alerts = await WaitForAlertsAsync(_everything, 2);
        _northAlert = alerts.Single(a => a.GetProperty("site").GetString() == "north").GetProperty("id").GetInt64();
        _southAlert = alerts.Single(a => a.GetProperty("site").GetString() == "south").GetProperty("id").GetInt64();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_rules, recursive: true);
    }

    private static async Task<List<JsonElement>> WaitForAlertsAsync(HttpClient client, int count)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var list = (await (await client.GetAsync("/api/v1/alerts")).JsonAsync()).EnumerateArray().ToList();
            if (list.Count >= count || DateTime.UtcNow > deadline)
                return list;
            await Task.Delay(100);
        }
    }

    private async Task<HttpClient> ScreenAsync(string board)
    {
        var (_, token) = await _app.Services.GetRequiredService<DisplayTokens>().CreateAsync("TV", board, "admin", CancellationToken.None);
        var client = new HttpClient { BaseAddress = _app.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", "cx_display=" + token);
        return client;
    }

    public static TheoryData<string> Callers => new() { "north-key", "north-screen" };

    private async Task<HttpClient> CallerAsync(string who) => who == "north-key" ? await _app.ClientWithKeyAsync("north") : await ScreenAsync("north-wall");

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Another_sites_figures_are_refused(string who)
    {
        var client = await CallerAsync(who);

        foreach (var url in new[] { "/api/v1/snapshots?scope=site:south", "/api/v1/snapshots?scope=site:north,all", "/api/v1/series?scope=site:south",
                     "/api/v1/series?scope=all", "/api/v1/series?scope=channel:web", "/api/v1/series?scope=site-touchpoint:south/checkout" })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{url}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/snapshots?scope=site:north")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/series?scope=site:north")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Only_the_own_sites_alerts_are_listed_and_another_sites_alert_does_not_exist(string who)
    {
        var client = await CallerAsync(who);

        var listed = (await (await client.GetAsync("/api/v1/alerts")).JsonAsync()).EnumerateArray().Select(a => a.GetProperty("site").GetString()).ToList();
        var bySite = await (await client.GetAsync("/api/v1/alerts?site=south")).JsonAsync();

        Assert.NotEmpty(listed);
        Assert.All(listed, site => Assert.Equal("north", site));
        Assert.Equal(0, bySite.GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/alerts/{_northAlert}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/alerts/{_southAlert}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/alerts/{_southAlert}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/alerts/stats")).StatusCode);
    }

    [Fact]
    public async Task A_screen_of_a_board_showing_everything_reads_every_alert_but_still_only_its_tiles()
    {
        var client = await ScreenAsync("main");

        var sites = (await (await client.GetAsync("/api/v1/alerts")).JsonAsync()).EnumerateArray().Select(a => a.GetProperty("site").GetString()).ToHashSet();
        Assert.Equal(["north", "south"], sites.Order());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/snapshots?scope=site:south")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/snapshots?scope=channel:web")).StatusCode);
    }

    [Fact]
    public async Task The_rules_folder_is_not_shown_to_a_key()
    {
        var client = await _app.ClientWithKeyAsync("north");

        var body = await (await client.GetAsync("/api/v1/alerts/rules")).Content.ReadAsStringAsync();

        Assert.DoesNotContain(_rules, body);
        Assert.Contains("rules.yaml", body);
    }

    [Fact]
    public async Task The_live_hub_gives_a_one_site_key_only_its_sites_scopes_and_alerts()
    {
        await _app.ClientWithKeyAsync("north");
        await using (var refused = LiveClientProcess.Start(_app.BaseAddress, _app.LastKey!, "site:south"))
            Assert.Contains("not readable", refused.NextOf(Wait, "error").GetProperty("data").GetString());

        await using var live = LiveClientProcess.Start(_app.BaseAddress, _app.LastKey!, alerts: true, "site:north");
        var open = live.NextOf(Wait, "alerts-open").GetProperty("data");
        await AlertsApp.PostAsync(_everything, RatsRating("s2", "south"));
        await AlertsApp.PostAsync(_everything, RatsRating("n2", "north"));
        var update = live.NextOf(Wait, "alert").GetProperty("data");

        Assert.All(open.EnumerateArray(), a => Assert.Equal("north", a.GetProperty("site").GetString()));
        Assert.NotEqual(0, open.GetArrayLength());
        Assert.Equal("north", update.GetProperty("alert").GetProperty("site").GetString());
    }
}
