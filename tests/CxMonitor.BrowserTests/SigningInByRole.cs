using Microsoft.Extensions.DependencyInjection;
using CxMonitor.BrowserTests.Pages;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;

namespace CxMonitor.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SigningInByRole(InfluxdFixture influxd, ChromiumFixture chromium) : IAsyncLifetime
{
    private BrowserApp _app = null!;

    public async Task InitializeAsync() => _app = new BrowserApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(SigningInByRole)));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(UserRoles.Admin, true, true)]
    [InlineData(UserRoles.Manager, true, true)]
    [InlineData(UserRoles.Duty, true, false)]
    [InlineData(UserRoles.Executive, false, true)]
    public async Task Each_role_signs_in_and_is_refused_the_pages_it_may_not_see(string role, bool alerts, bool trends)
    {
        var name = await _app.PersonAsync(role);
        await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url);

        await viewer.SignInAsync(name, path: "/alerts");
        var afterSignIn = viewer.Page.Url;
        await viewer.Page.GotoAsync("/trends");
        var trendsUrl = viewer.Page.Url;

        Assert.Equal(alerts ? "/alerts" : "/forbidden", new Uri(afterSignIn).AbsolutePath);
        Assert.Equal(trends ? "/trends" : "/forbidden", new Uri(trendsUrl).AbsolutePath);
        await Microsoft.Playwright.Assertions.Expect(viewer.Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 }))
            .ToHaveTextAsync(trends ? "Trends" : "Your role does not allow this page.");
        viewer.AssertNoErrors();
    }

    [Fact]
    public async Task An_admin_adds_a_person_and_pairs_a_screen_from_the_admin_page_which_others_may_not_open()
    {
        await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url);
        await viewer.SignInAsync(await _app.PersonAsync(UserRoles.Admin), path: "/admin");
        var page = viewer.Page;

        await page.GetByLabel("user name", new() { Exact = true }).FillAsync("petro");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#secret")).ToContainTextAsync("One-time password for petro: ");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#users")).ToContainTextAsync("petro");
        await page.GetByLabel("Screen", new() { Exact = true }).FillAsync("Checkout TV");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Pair a screen" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#secret")).ToContainTextAsync("/wall/pair?token=cxd_");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#displays")).ToContainTextAsync("Checkout TV");
        await page.GetByLabel("id, e.g. oslo-karl-johan").FillAsync("oslo");
        await page.GetByLabel("name", new() { Exact = true }).FillAsync("Oslo Karl Johan");
        await page.GetByLabel("Time zone", new() { Exact = true }).FillAsync("Europe/Oslo");
        await page.GetByLabel("Opening hours", new() { Exact = true }).FillAsync("Mon 09:00-18:00, Tue closed");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Add or change site" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#sites")).ToContainTextAsync("Oslo Karl Johan (oslo)");
        viewer.AssertNoErrors();

        await using var manager = await Viewer.OpenAsync(chromium.Browser, _app.Url);
        await manager.SignInAsync(await _app.PersonAsync(UserRoles.Manager), path: "/admin");
        Assert.Equal("/forbidden", new Uri(manager.Page.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_on_the_page_and_a_visitor_is_sent_to_sign_in()
    {
        await _app.PersonAsync(UserRoles.Duty, "mira");
        await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url);

        await viewer.Page.GotoAsync("/alerts");
        Assert.Equal("/login", new Uri(viewer.Page.Url).AbsolutePath);
        await viewer.Page.GetByLabel("User name").FillAsync("mira");
        await viewer.Page.GetByLabel("Password").FillAsync("not the password");
        await viewer.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Microsoft.Playwright.Assertions.Expect(viewer.Page.GetByRole(Microsoft.Playwright.AriaRole.Alert)).ToHaveTextAsync("The user name or password is wrong.");
    }

    [Fact]
    public async Task A_person_with_a_one_time_password_chooses_their_own_and_lands_where_they_were_going()
    {
        var (_, oneTime) = await _app.Services.GetRequiredService<UserStore>().CreateAsync("petro", [UserRoles.Duty]);
        await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url);
        var page = viewer.Page;

        async Task SignInWithTheOneTimePasswordAsync()
        {
            await page.GetByLabel("User name").FillAsync("petro");
            await page.GetByLabel("Password").FillAsync(oneTime!);
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Microsoft.Playwright.Assertions.Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Choose your own password");
        }

        await page.GotoAsync("/alerts");
        await SignInWithTheOneTimePasswordAsync();
        // Walking away from the form does not help: the page signs the session out and asks again.
        await page.GotoAsync("/alerts");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
        await SignInWithTheOneTimePasswordAsync();
        await page.GetByLabel("New password").FillAsync("password1234");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Save password" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Alert)).ToContainTextAsync("most common passwords");
        await page.GetByLabel("New password").FillAsync("violet compass river stone");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Save password" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/alerts");
        Assert.False((await _app.Services.GetRequiredService<UserStore>().FindAsync("petro"))!.MustChangePassword);
    }

    [Theory]
    [InlineData("/%5Cevil.example/")]
    [InlineData("/%09/evil.example/")]
    public async Task Signing_in_never_leads_to_another_site(string encodedReturn)
    {
        var name = await _app.PersonAsync(UserRoles.Duty, "mira");
        await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url);

        await viewer.SignInAsync(name, path: "/login?return=" + encodedReturn);

        Assert.Equal(_app.Url.Authority, new Uri(viewer.Page.Url).Authority);
        Assert.Equal("/", new Uri(viewer.Page.Url).AbsolutePath);
    }
}
