using CxMonitor.BrowserTests.Pages;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CxMonitor.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class WallDisplay(InfluxdFixture influxd, ChromiumFixture chromium) : IAsyncLifetime
{
    private const string CriticalRule = """
        rules:
          - name: poisoning
            kind: event
            severity: critical
            keywords: ["food poisoning"]
            summary: "Poisoning complaint at {{site}}"
        """;

    private BrowserApp _app = null!;
    private string _rules = "";

    public async Task InitializeAsync()
    {
        _rules = Directory.CreateTempSubdirectory("cx-browser-rules-").FullName;
        await File.WriteAllTextAsync(Path.Combine(_rules, "rules.yaml"), CriticalRule);
        _app = new BrowserApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(WallDisplay)), new Dictionary<string, string?>
        {
            ["Alerts:Directory"] = _rules,
            // The site only the figures test rates: other tests here rate north and south in any order.
            ["Sites:2:Id"] = "west", ["Sites:2:Name"] = "West Store", ["Sites:2:TimeZone"] = "Europe/Berlin", ["Sites:2:OpeningHours:Mon"] = "08:00-20:00",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_rules, recursive: true);
    }

    private async Task<(Viewer Viewer, WallDisplayPage Wall)> OpenWallAsync(int width = 1920, int height = 1080)
    {
        var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url, width, height);
        await viewer.SignInAsync(await _app.PersonAsync(UserRoles.Manager), path: "/wall/main");
        var wall = new WallDisplayPage(viewer.Page);
        await Expect(wall.Tile("North Store")).ToBeVisibleAsync();
        await Expect(wall.Live).ToBeAttachedAsync();
        await Expect(wall.Status).ToBeHiddenAsync();
        return (viewer, wall);
    }

    [Fact]
    public async Task The_live_count_the_figure_and_the_ticker_follow_posted_ratings_without_a_reload()
    {
        var (viewer, wall) = await OpenWallAsync();
        await using var _ = viewer;
        var terminal = await _app.TerminalAsync();
        var before = await wall.LiveCountAsync("West Store");

        var ratings = string.Join(',', Enumerable.Range(0, 12).Select(i => $$"""{"id":"w{{i}}","scale":"csat5","score":{{(i < 9 ? 5 : 1)}},"site":"west","comment":"{{(i == 11 ? "Queue was far too long" : "")}}"}"""));
        (await terminal.PostAsync("/api/v1/ratings", BrowserApp.Json($"[{ratings}]"))).EnsureSuccessStatusCode();
        // How fast it arrives is the `live` benchmark's figure (POST to a SignalR client, p99 27 ms):
        // a 1 s bound here failed a CI run on a loaded machine, and timing is not a CI assert.
        await Expect(wall.Tile("West Store").Locator("[data-role=live]")).Not.ToHaveTextAsync(before);

        // The job runs every second here: the figure itself follows.
        await Expect(wall.Tile("West Store").Locator("[data-role=value]")).ToHaveTextAsync("75 %");
        await Expect(wall.Tile("West Store").Locator("[data-role=live]")).ToHaveTextAsync("12 ratings today");
        await Expect(wall.Ticker).ToContainTextAsync("Queue was far too long");
        await viewer.ScreenshotAsync("wall-1920x1080");
        viewer.AssertNoErrors();
    }

    [Fact]
    public async Task A_critical_moment_takes_the_screen_until_it_is_acknowledged_and_its_tile_stays_framed_until_resolved()
    {
        var (viewer, wall) = await OpenWallAsync();
        await using var _ = viewer;
        var terminal = await _app.TerminalAsync();

        (await terminal.PostAsync("/api/v1/ratings", BrowserApp.Json("""{"id":"p1","scale":"csat5","score":1,"site":"north","comment":"food poisoning after lunch"}"""))).EnsureSuccessStatusCode();
        await Expect(wall.Overlay).ToBeVisibleAsync();
        await Expect(wall.Overlay).ToContainTextAsync("Poisoning complaint at North Store");
        await Expect(wall.Tile("North Store")).ToHaveAttributeAsync("data-alert", "critical");
        await Expect(wall.Tile("South Store")).Not.ToHaveAttributeAsync("data-alert", "critical");

        var duty = await _app.SignedInAsync(UserRoles.Duty, "olena");
        var open = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(duty, "/api/v1/alerts?state=open");
        var id = open.EnumerateArray().Single(a => a.GetProperty("site").GetString() == "north").GetProperty("id").GetInt64();
        (await duty.PostAsync($"/api/v1/alerts/{id}/acknowledge", null)).EnsureSuccessStatusCode();

        await Expect(wall.Overlay).ToBeHiddenAsync();
        await Expect(wall.Tile("North Store")).ToHaveAttributeAsync("data-alert", "critical");
        await viewer.ScreenshotAsync("wall-acknowledged-critical-1920x1080");
        (await duty.PostAsync($"/api/v1/alerts/{id}/resolve", BrowserApp.Json("{}"))).EnsureSuccessStatusCode();
        await Expect(wall.Tile("North Store")).Not.ToHaveAttributeAsync("data-alert", "critical");
        viewer.AssertNoErrors();
    }

    [Fact]
    public async Task Two_walls_show_the_same_count_of_open_criticals_and_acknowledging_one_leaves_the_rest_on_screen()
    {
        var (first, firstWall) = await OpenWallAsync(1366, 768);
        await using var _ = first;
        var terminal = await _app.TerminalAsync();
        (await terminal.PostAsync("/api/v1/ratings", BrowserApp.Json("""{"id":"o1","scale":"csat5","score":1,"site":"north","comment":"food poisoning after lunch"}"""))).EnsureSuccessStatusCode();
        await Expect(firstWall.Overlay.Locator("#overlay-count")).ToHaveTextAsync("1 critical moment is waiting", new() { Timeout = 10000 });
        (await terminal.PostAsync("/api/v1/ratings", BrowserApp.Json("""{"id":"o2","scale":"csat5","score":1,"site":"south","comment":"food poisoning, the soup"}"""))).EnsureSuccessStatusCode();
        await Expect(firstWall.Overlay.Locator("#overlay-count")).ToHaveTextAsync("2 critical moments are waiting", new() { Timeout = 10000 });
        // A wall opened now learns the same state from the server.
        var (second, secondWall) = await OpenWallAsync(3840, 2160);
        await using var __ = second;
        await Expect(secondWall.Overlay.Locator("#overlay-count")).ToHaveTextAsync("2 critical moments are waiting");
        foreach (var wall in new[] { firstWall, secondWall })
        {
            // The newest one, with the site's name (said once: the summary names it) and what the customer said.
            await Expect(wall.Overlay.Locator("#overlay-summary")).ToHaveTextAsync("Poisoning complaint at South Store");
            await Expect(wall.Overlay.Locator("#overlay-site")).ToBeHiddenAsync();
            await Expect(wall.Overlay.Locator("#overlay-comment")).ToHaveTextAsync("The customer said: “food poisoning, the soup”");
            await Expect(wall.Overlay.Locator("#overlay-time")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(now|\\d+ seconds? ago|1 minute ago) · "));
        }

        var duty = await _app.SignedInAsync(UserRoles.Duty, "petro");
        var open = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(duty, "/api/v1/alerts?state=open");
        var south = open.EnumerateArray().Single(a => a.GetProperty("summary").GetString() == "Poisoning complaint at South Store");
        (await duty.PostAsync($"/api/v1/alerts/{south.GetProperty("id").GetInt64()}/acknowledge", null)).EnsureSuccessStatusCode();

        foreach (var wall in new[] { firstWall, secondWall })
        {
            await Expect(wall.Overlay.Locator("#overlay-count")).ToHaveTextAsync("1 critical moment is waiting", new() { Timeout = 10000 });
            await Expect(wall.Overlay.Locator("#overlay-summary")).ToHaveTextAsync("Poisoning complaint at North Store");
            await Expect(wall.Overlay).ToBeVisibleAsync();
        }
        await first.ScreenshotAsync("wall-overlay-1366x768");
        await second.ScreenshotAsync("wall-overlay-3840x2160");

        // The last one taken: the overlay leaves both screens, and a wall opened now agrees.
        var north = open.EnumerateArray().Single(a => a.GetProperty("summary").GetString() == "Poisoning complaint at North Store");
        (await duty.PostAsync($"/api/v1/alerts/{north.GetProperty("id").GetInt64()}/acknowledge", null)).EnsureSuccessStatusCode();
        foreach (var wall in new[] { firstWall, secondWall })
            await Expect(wall.Overlay).ToBeHiddenAsync();
        var (third, thirdWall) = await OpenWallAsync(1920, 1080);
        await using var ___ = third;
        await Expect(thirdWall.Tile("North Store")).ToHaveAttributeAsync("data-alert", "critical");
        await Expect(thirdWall.Overlay).ToBeHiddenAsync();
        // Resolved, so the other tests of this class start without open alerts.
        foreach (var alert in open.EnumerateArray())
            (await duty.PostAsync($"/api/v1/alerts/{alert.GetProperty("id").GetInt64()}/resolve", BrowserApp.Json("{}"))).EnsureSuccessStatusCode();
        first.AssertNoErrors();
        second.AssertNoErrors();
        third.AssertNoErrors();
    }

    [Fact]
    public async Task Reconnecting_shows_while_the_server_is_down_and_clears_when_it_is_back()
    {
        var (viewer, wall) = await OpenWallAsync();
        await using var _ = viewer;

        await _app.StopAsync();
        await Expect(wall.Status).ToHaveTextAsync("Reconnecting…", new() { Timeout = 15000 });
        _app.Start();

        await Expect(wall.Status).ToBeHiddenAsync(new() { Timeout = 20000 });
        await Expect(wall.Tile("North Store")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Going_offline_shows_within_seconds_and_dims_the_figures_until_the_network_is_back()
    {
        var (viewer, wall) = await OpenWallAsync();
        await using var _ = viewer;

        await viewer.Page.Context.SetOfflineAsync(true);
        await Expect(wall.Status).ToHaveTextAsync("Offline: the figures are not current", new() { Timeout = 3000 });
        var opacity = await wall.Tile("North Store").EvaluateAsync<double>("t => { t.style.transition = 'none'; return parseFloat(getComputedStyle(t).opacity); }");
        Assert.True(opacity < 0.6, $"a tile that is not current has opacity {opacity}");
        await viewer.Page.Context.SetOfflineAsync(false);

        await Expect(wall.Status).ToBeHiddenAsync(new() { Timeout = 30000 });
        await Expect(wall.Tile("North Store")).ToHaveCSSAsync("opacity", "1");
    }

    [Fact]
    public async Task The_ticker_scrolls_whole_comments_when_they_do_not_fit()
    {
        var (viewer, wall) = await OpenWallAsync(1366, 768);
        await using var _ = viewer;
        var terminal = await _app.TerminalAsync();
        var ratings = string.Join(',', Enumerable.Range(0, 8).Select(i => $$"""{"id":"k{{i}}","scale":"csat5","score":2,"site":"north","comment":"Comment {{i}}: the queue at the self-checkout was far too long and nobody came to help"}"""));
        (await terminal.PostAsync("/api/v1/ratings", BrowserApp.Json($"[{ratings}]"))).EnsureSuccessStatusCode();

        var track = viewer.Page.Locator("#ticker-track");
        await Expect(track).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("scrolling"));
        var before = await track.EvaluateAsync<string>("t => getComputedStyle(t).transform");
        await viewer.Page.WaitForFunctionAsync("before => getComputedStyle(document.getElementById('ticker-track')).transform !== before", before);
        // Each comment is one unbreakable line: it moves by as a whole instead of being cut at the edge.
        Assert.True(await track.EvaluateAsync<bool>("t => [...t.children].every(i => getComputedStyle(i).whiteSpace === 'nowrap' || getComputedStyle(t).whiteSpace === 'nowrap')"));
        await viewer.ScreenshotAsync("wall-ticker-1366x768");
        viewer.AssertNoErrors();
    }

    [Fact]
    public async Task A_screen_paired_with_a_display_token_needs_no_sign_in_until_the_token_is_revoked()
    {
        var admin = await _app.SignedInAsync(UserRoles.Admin);
        var created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(admin, "/api/v1/displays", new { name = "Checkout TV", board = "main" });
        var display = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(created.Content);
        await using var screen = await Viewer.OpenAsync(chromium.Browser, _app.Url);
        var wall = new WallDisplayPage(screen.Page);

        await screen.Page.GotoAsync(display.GetProperty("pairUrl").GetString()!);
        await Expect(wall.Tile("North Store")).ToBeVisibleAsync();
        Assert.Equal("/wall/main", new Uri(screen.Page.Url).AbsolutePath);
        await Expect(wall.Live).ToBeAttachedAsync();
        await Expect(wall.Status).ToBeHiddenAsync();

        (await admin.DeleteAsync($"/api/v1/displays/{display.GetProperty("display").GetProperty("id").GetString()}")).EnsureSuccessStatusCode();
        // The open page may already be on its way to the sign-in page (its live connection is
        // closed on revocation): a reload racing that move is aborted, and both end up there.
        try
        {
            await screen.Page.ReloadAsync();
        }
        catch (PlaywrightException e) when (e.Message.Contains("ERR_ABORTED", StringComparison.Ordinal))
        {
        }

        await screen.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
    }

    [Fact]
    public async Task A_board_fills_a_4k_screen_without_scrolling()
    {
        var (viewer, _) = await OpenWallAsync(3840, 2160);
        await using var __ = viewer;

        var overflow = await viewer.Page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth");

        Assert.False(overflow);
        await viewer.ScreenshotAsync("wall-3840x2160");
        viewer.AssertNoErrors();
    }
}
