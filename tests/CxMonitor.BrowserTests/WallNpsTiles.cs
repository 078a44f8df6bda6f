using System.Text.RegularExpressions;
using CxMonitor.BrowserTests.Pages;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using static Microsoft.Playwright.Assertions;

namespace CxMonitor.BrowserTests;

/// <summary>Issue 13 items 2–4 as a person sees them: an NPS tile shows NPS's own n, interval and
/// colour bounds, a CSAT tile CSAT's, and the volume is labelled as such.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WallNpsTiles(InfluxdFixture influxd, ChromiumFixture chromium) : IAsyncLifetime
{
    private BrowserApp _app = null!;

    public async Task InitializeAsync() =>
        _app = new BrowserApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(WallNpsTiles)), new Dictionary<string, string?>
        {
            ["Walls:Boards:scores:Title"] = "Scores",
            ["Walls:Boards:scores:Tiles:0:Scope"] = "site:north", ["Walls:Boards:scores:Tiles:0:Label"] = "North NPS", ["Walls:Boards:scores:Tiles:0:Metric"] = "nps",
            ["Walls:Boards:scores:Tiles:1:Scope"] = "site:north", ["Walls:Boards:scores:Tiles:1:Label"] = "North CSAT", ["Walls:Boards:scores:Tiles:1:Metric"] = "csat",
        });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_nps_of_20_shows_its_own_n_interval_and_colour_not_csats()
    {
        await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url);
        await viewer.SignInAsync(await _app.PersonAsync(UserRoles.Manager), path: "/wall/scores");
        var wall = new WallDisplayPage(viewer.Page);
        await Expect(wall.Tile("North NPS")).ToBeVisibleAsync();

        // NPS: 4 promoters, 4 passives, 2 detractors of 10 = 20. CSAT: 9 of 12 = 75 %. Volume 22.
        int[] nps = [10, 10, 9, 9, 8, 8, 7, 7, 3, 0];
        var ratings = nps.Select((s, i) => $$"""{"id":"n{{i}}","scale":"nps11","score":{{s}},"site":"north"}""")
            .Concat(Enumerable.Range(0, 12).Select(i => $$"""{"id":"c{{i}}","scale":"csat5","score":{{(i < 9 ? 5 : 1)}},"site":"north"}"""));
        (await (await _app.TerminalAsync()).PostAsync("/api/v1/ratings", BrowserApp.Json("[" + string.Join(',', ratings) + "]"))).EnsureSuccessStatusCode();

        var npsTile = wall.Tile("North NPS");
        await Expect(npsTile.Locator("[data-role=value]")).ToHaveTextAsync("20", new() { Timeout = 10000 });
        // Under CSAT's bounds 20 would be red; NPS's own bounds (good 30, warn 0) make it a warning.
        await Expect(npsTile.Locator("[data-role=value]")).ToHaveClassAsync(new Regex(@"\bwarn\b"));
        await Expect(npsTile.Locator("[data-role=n]")).ToHaveTextAsync("n = 10");
        await Expect(npsTile.Locator("[data-role=interval]")).ToHaveTextAsync(new Regex(@"^-?\d+–\d+$"));
        var csatTile = wall.Tile("North CSAT");
        await Expect(csatTile.Locator("[data-role=value]")).ToHaveTextAsync("75 %");
        await Expect(csatTile.Locator("[data-role=n]")).ToHaveTextAsync("n = 12");
        // The volume is labelled as such, apart from the figure's n. (Its exact count races with the
        // coalesced live activity: see the report of issue 13.)
        await Expect(csatTile.Locator("[data-role=live]")).ToHaveTextAsync(new Regex(@"^\d+ ratings today$"));
    }
}
