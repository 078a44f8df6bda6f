using CxMonitor.BrowserTests.Pages;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using static Microsoft.Playwright.Assertions;

namespace CxMonitor.BrowserTests;

/// <summary>The Hangfire dashboard at /jobs, reached from the admin page: an admin sees every
/// recurring job, under the dashboard's own content security policy with no console errors
/// (a blocked script or style would be one), and the page stays within the window.</summary>
[Collection(BrowserCollection.Name)]
public sealed class JobsDashboard(InfluxdFixture influxd, ChromiumFixture chromium) : IAsyncLifetime
{
    private BrowserApp _app = null!;

    public async Task InitializeAsync() =>
        _app = new BrowserApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(JobsDashboard)));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_admin_opens_the_dashboard_from_the_admin_page_and_sees_the_recurring_jobs()
    {
        await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url, 1366, 768);
        await viewer.SignInByApiAsync(await _app.PersonAsync(UserRoles.Admin));
        await viewer.Page.GotoAsync("/admin");

        await viewer.Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Open the jobs dashboard" }).ClickAsync();
        await Expect(viewer.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/jobs/?$"));
        await viewer.Page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Recurring Jobs" }).First.ClickAsync();

        var rows = viewer.Page.Locator(".js-jobs-list table tbody tr");
        await Expect(rows.Filter(new() { HasText = "RollingSatisfaction" })).ToHaveCountAsync(1);
        await Expect(rows.Filter(new() { HasText = "Rollup" }).First).ToBeVisibleAsync();
        await Expect(rows.Filter(new() { HasText = "AlertTick" })).ToHaveCountAsync(1);
        // Each shows the cron that keeps its interval (this app runs RollingSatisfaction every second).
        await Expect(rows.Filter(new() { HasText = "RollingSatisfaction" })).ToContainTextAsync("* * * * * *");
        await Expect(rows.Filter(new() { HasText = "AlertTick" })).ToContainTextAsync("*/10 * * * * *");
        await Expect(rows.Filter(new() { HasText = "Rollup" }).First).ToContainTextAsync("0 */1 * * * *");

        var overflow = await viewer.Page.EvaluateAsync<int[]>("""
            () => [document.documentElement.scrollWidth, window.innerWidth,
                   ...[...document.querySelectorAll('.js-jobs-list table')].map(t => Math.round(t.getBoundingClientRect().right))]
            """);
        Assert.True(overflow[0] <= overflow[1], $"the page is {overflow[0]} px wide in a {overflow[1]} px window");
        Assert.All(overflow.Skip(2), right => Assert.True(right <= overflow[1], $"the jobs table ends at {right} px"));
        await viewer.ScreenshotAsync("jobs-dashboard-recurring-1366x768");
        viewer.AssertNoErrors();
    }
}
