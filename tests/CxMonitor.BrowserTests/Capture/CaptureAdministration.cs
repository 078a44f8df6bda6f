using CxMonitor.BrowserTests.Pages;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CxMonitor.BrowserTests.Capture;

/// <summary>An admin sets up the floor from the admin page: a terminal whose link pairs a tablet
/// once, and a survey with its QR codes, poster and widget tag.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CaptureAdministration(InfluxdFixture influxd, ChromiumFixture chromium) : IAsyncLifetime
{
    private BrowserApp _app = null!;

    public async Task InitializeAsync() => _app = new BrowserApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(CaptureAdministration)));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_admin_adds_a_terminal_that_pairs_once_and_a_survey_with_its_poster()
    {
        await using var admin = await Viewer.OpenAsync(chromium.Browser, _app.Url, 1366, 768);
        await admin.SignInAsync(await _app.PersonAsync(UserRoles.Admin), path: "/admin");
        var page = admin.Page;
        var terminals = page.Locator("#new-terminal");
        await terminals.GetByPlaceholder("Terminal name").FillAsync("South till");
        await terminals.Locator("select[name=site]").SelectOptionAsync("south");
        await terminals.GetByPlaceholder("Touchpoint").FillAsync("checkout");
        await terminals.GetByRole(AriaRole.Button, new() { Name = "Add terminal" }).ClickAsync();
        await Expect(page.Locator("#secret")).ToContainTextAsync("Open this link once on the tablet: ");
        var pairUrl = (await page.Locator("#secret").InnerTextAsync()).Split(": ", 2)[1].Trim();
        await Expect(page.Locator("#terminals tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#terminals tr")).ToContainTextAsync("South Store · checkout");

        await using var tablet = await Viewer.OpenAsync(chromium.Browser, _app.Url, 1280, 800);
        await tablet.Page.GotoAsync(pairUrl);
        await Expect(new TerminalPage(tablet.Page).Question).ToBeVisibleAsync();
        // The same link a second time, on another tablet: refused.
        await using var other = await Viewer.OpenAsync(chromium.Browser, _app.Url, 1280, 800);
        var again = await other.Page.GotoAsync(pairUrl);
        Assert.Equal(400, again!.Status);

        var surveys = page.Locator("#new-survey");
        await surveys.Locator("select[name=site]").SelectOptionAsync("north");
        await surveys.GetByPlaceholder("Touchpoint").FillAsync("visit");
        await surveys.GetByRole(AriaRole.Button, new() { Name = "Add survey" }).ClickAsync();
        await Expect(page.Locator("#surveys tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#widget-snippet")).ToContainTextAsync("/js/widget.js\" data-survey=\"");
        var poster = await page.RunAndWaitForPopupAsync(() => page.Locator("#surveys").GetByRole(AriaRole.Link, new() { Name = "A4 poster" }).ClickAsync());
        await Expect(poster.Locator(".poster h1")).ToHaveTextAsync("Tell us how we did");
        await admin.ScreenshotAsync("admin-capture-1366x768");

        // The pairing link also refuses after revocation, and the tablet learns it is unpaired.
        await page.Locator("#terminals").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(page.Locator("#terminals tr")).ToContainTextAsync("revoked");
        await tablet.Page.ReloadAsync();
        await Expect(new TerminalPage(tablet.Page).Unpaired).ToBeVisibleAsync();
        admin.AssertNoErrors();
    }
}
