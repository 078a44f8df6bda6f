using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.BrowserTests.Pages;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CxMonitor.BrowserTests.Capture;

/// <summary>The kiosk terminal on a tablet: a tap moves the wall, answers taken offline arrive
/// once each, a drummed button counts once, and a terminal writes only its own site.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TerminalTaps(InfluxdFixture influxd, ChromiumFixture chromium) : IAsyncLifetime
{
    private BrowserApp _app = null!;
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await influxd.CreateDatabaseAsync(nameof(TerminalTaps));
        _app = new BrowserApp(influxd.Url, _database, new Dictionary<string, string?> { ["Capture:ThankYou"] = "00:00:00.3" });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(Viewer Tablet, TerminalPage Terminal, string Id)> PairTabletAsync(object settings, int width = 1280, int height = 800)
    {
        var (id, pairUrl) = await CaptureSteps.CreateTerminalAsync(_app, settings);
        var tablet = await Viewer.OpenAsync(chromium.Browser, _app.Url, width, height);
        await tablet.Page.GotoAsync(pairUrl);
        Assert.EndsWith("/rate", tablet.Page.Url, StringComparison.Ordinal);
        var terminal = new TerminalPage(tablet.Page);
        await Expect(terminal.Question).ToBeVisibleAsync();
        return (tablet, terminal, id);
    }

    [Fact]
    public async Task A_tap_moves_the_wall_tile_of_its_site()
    {
        var wallViewer = await Viewer.OpenAsync(chromium.Browser, _app.Url);
        await using var _ = wallViewer;
        await wallViewer.SignInAsync(await _app.PersonAsync(UserRoles.Manager), path: "/wall/main");
        var wall = new WallDisplayPage(wallViewer.Page);
        await Expect(wall.Tile("North Store")).ToBeVisibleAsync();
        var before = await wall.LiveCountAsync("North Store");
        var (tablet, terminal, _) = await PairTabletAsync(new { name = "North till", site = "north", touchpoint = "checkout" });
        await using var __ = tablet;
        await Expect(terminal.Question).ToHaveTextAsync("How was your visit today?");

        await terminal.Answer("Very happy").ClickAsync();
        // How fast is the `capture` benchmark's figure (tap to wall, p99 201–577 ms): a 1 s bound
        // in a browser test fails on a loaded CI machine, and timing is not a CI assert.
        await Expect(wall.Tile("North Store").Locator("[data-role=live]")).Not.ToHaveTextAsync(before);
        await Expect(terminal.Question).ToBeVisibleAsync();

        Assert.Equal(1, await CaptureSteps.SettledCountAsync(_app, influxd, _database, "site = 'north' AND source = 'terminal' AND touchpoint = 'checkout'", 1, TimeSpan.FromSeconds(15)));
        tablet.AssertNoErrors();
        wallViewer.AssertNoErrors();
    }

    [Fact]
    public async Task Answers_taken_offline_arrive_once_each_when_the_network_returns_also_when_a_response_is_lost()
    {
        var (tablet, terminal, _) = await PairTabletAsync(new { name = "South door", site = "south", touchpoint = "arrival", repeatSeconds = 0 });
        await using var _ = tablet;
        await tablet.Page.Context.SetOfflineAsync(true);
        for (var i = 0; i < 20; i++)
            await terminal.TapAsync(i % 2 == 0 ? "Happy" : "Very happy");
        await Expect(terminal.OfflineMark).ToBeVisibleAsync();
        await Expect(terminal.OfflineMark).ToHaveAttributeAsync("title", "Offline: answers are kept and sent later · 20 answers waiting to be sent");
        Assert.Equal(0, await CaptureSteps.CountAsync(influxd, _database, "site = 'south'"));

        // The first delivery reaches the server, but its answer is lost on the way back: the
        // terminal must send the same answers again, and the collector count them once.
        var attempts = 0;
        await tablet.Page.RouteAsync("**/api/v1/terminal/answers", async route =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await route.FetchAsync();
                await route.AbortAsync();
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await tablet.Page.Context.SetOfflineAsync(false);
        await Expect(terminal.OfflineMark).ToBeHiddenAsync(new() { Timeout = 15_000 });

        Assert.True(attempts >= 2, $"the queue was sent {attempts} time(s)");
        Assert.Equal(20, await CaptureSteps.SettledCountAsync(_app, influxd, _database, "site = 'south' AND source = 'terminal'", 20, TimeSpan.FromSeconds(15)));
        using var admin = await _app.SignedInAsync(UserRoles.Admin, "capture-admin");
        var status = await admin.GetFromJsonAsync<JsonElement>("/api/v1/status");
        Assert.True(status.GetProperty("duplicates").GetInt64() >= 20, $"the resend was not answered as duplicates: {status}");
        tablet.Errors.RemoveAll(e => e.Contains("Failed to load resource", StringComparison.Ordinal)); // the offline and aborted requests
        tablet.AssertNoErrors();
    }

    [Fact]
    public async Task A_drummed_button_counts_once_and_the_repeats_are_flagged_on_the_terminal()
    {
        var (tablet, terminal, id) = await PairTabletAsync(new { name = "Kids corner", site = "north", touchpoint = "play", repeatSeconds = 5, followUp = false });
        await using var _ = tablet;
        for (var i = 0; i < 5; i++)
            await terminal.TapAsync("Very unhappy");

        Assert.Equal(1, await CaptureSteps.SettledCountAsync(_app, influxd, _database, "touchpoint = 'play'", 1, TimeSpan.FromSeconds(15)));
        // The tablet sends its queue after the taps, the first press often alone: the count of one
        // is settled before the repeats reach the server, so the terminal is read until they have.
        using var admin = await _app.SignedInAsync(UserRoles.Admin, "capture-admin");
        long repeats = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(15); repeats < 4 && DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            var terminals = await admin.GetFromJsonAsync<JsonElement>("/api/v1/terminals");
            repeats = terminals.EnumerateArray().Single(t => t.GetProperty("id").GetString() == id).GetProperty("repeats").GetInt64();
        }
        Assert.Equal(4, repeats);
        // Still counted once after every press was delivered.
        Assert.Equal(1, await CaptureSteps.CountAsync(influxd, _database, "touchpoint = 'play'"));
        tablet.AssertNoErrors();
    }

    [Fact]
    public async Task A_terminal_writes_only_its_own_site_its_pairing_link_works_once_and_a_revoked_one_is_refused()
    {
        var (southId, southPair) = await CaptureSteps.CreateTerminalAsync(_app, new { name = "South till", site = "south", touchpoint = "checkout", repeatSeconds = 0 });
        using var south = await CaptureSteps.PairedClientAsync(_app, southPair);
        // The link is spent: a second screen (or whoever saw the link) gets nothing.
        using (var again = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _app.Url })
            Assert.Equal(HttpStatusCode.BadRequest, (await again.GetAsync(southPair)).StatusCode);

        // Naming another site or touchpoint changes nothing: the terminal's own are used.
        var now = DateTimeOffset.UtcNow.ToString("O");
        var sent = await south.PostAsync("/api/v1/terminal/answers", BrowserApp.Json($$"""
            [{"id":"a1","time":"{{now}}","score":4,"site":"north","touchpoint":"vip"},{"id":"a2","time":"{{now}}","score":1,"site":"north"}]
            """));
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(2, await CaptureSteps.SettledCountAsync(_app, influxd, _database, "site = 'south' AND touchpoint = 'checkout'", 2, TimeSpan.FromSeconds(15)));
        Assert.Equal(0, await CaptureSteps.CountAsync(influxd, _database, "site = 'north'"));

        // A tablet whose clock runs 10 minutes fast: its answers are moved back by the difference
        // (the collector would refuse them as from the future, and the terminal drop them).
        var fast = DateTimeOffset.UtcNow.AddMinutes(10).ToString("O");
        using (var skewed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/terminal/answers") { Content = BrowserApp.Json($$"""[{"id":"fast1","time":"{{fast}}","score":3}]""") })
        {
            skewed.Headers.Add("X-Cx-Sent-At", fast);
            Assert.Equal(HttpStatusCode.Accepted, (await south.SendAsync(skewed)).StatusCode);
        }
        Assert.Equal(3, await CaptureSteps.SettledCountAsync(_app, influxd, _database, "site = 'south' AND time < now() + 1m", 3, TimeSpan.FromSeconds(15)));

        // Without the cookie, with a forged one, or with an API key: not a terminal.
        using var stranger = new HttpClient { BaseAddress = _app.Url };
        Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.PostAsync("/api/v1/terminal/answers", BrowserApp.Json("[]"))).StatusCode);
        using var apiKey = await _app.TerminalAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await apiKey.PostAsync("/api/v1/terminal/answers", BrowserApp.Json("[]"))).StatusCode);

        using var admin = await _app.SignedInAsync(UserRoles.Admin, "capture-admin");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/terminals/{southId}")).StatusCode);
        var refused = await south.PostAsync("/api/v1/terminal/answers", BrowserApp.Json($$"""[{"id":"a3","time":"{{now}}","score":4}]"""));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, await CaptureSteps.CountAsync(influxd, _database, "site = 'south'"));
    }
}
