using CxMonitor.BrowserTests.Pages;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using static Microsoft.Playwright.Assertions;

namespace CxMonitor.BrowserTests;

/// <summary>The admin page reads as tables of words: rule kinds and severities, boards, opening
/// hours; a rule routing to a route nobody configured is called out; a huge name cannot widen the page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdministrationTables(InfluxdFixture influxd, ChromiumFixture chromium) : IAsyncLifetime
{
    private BrowserApp _app = null!;
    private string _rules = "";

    public async Task InitializeAsync()
    {
        _rules = Directory.CreateTempSubdirectory("cx-browser-rules-").FullName;
        await File.WriteAllTextAsync(Path.Combine(_rules, "rules.yaml"), """
            rules:
              - name: poisoning
                kind: event
                severity: critical
                keywords: ["food poisoning"]
                route: duty
                summary: "Poisoning complaint at {{site}}"
            """);
        var huge = new string('W', 200_000);
        _app = new BrowserApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(AdministrationTables)), new Dictionary<string, string?>
        {
            ["Alerts:Directory"] = _rules,
            ["Walls:Boards:lobby:Title"] = huge, ["Walls:Boards:lobby:Language"] = "uk",
            ["Walls:Boards:lobby:Tiles:0:Scope"] = "site:north", ["Walls:Boards:lobby:Tiles:0:Label"] = "North Store",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_rules, recursive: true);
    }

    [Fact]
    public async Task Rules_boards_and_hours_read_as_words_and_missing_routes_are_called_out()
    {
        await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url, 1366, 768);
        await viewer.SignInByApiAsync(await _app.PersonAsync(UserRoles.Admin));
        await viewer.Page.GotoAsync("/admin");

        await Expect(viewer.Page.Locator("#rules tr").First).ToHaveTextAsync("poisoningsingle eventcriticalduty");
        await Expect(viewer.Page.Locator("#missing-channels")).ToHaveTextAsync("Rules route to channels that do not exist: duty. Their alerts reach nobody.");
        await Expect(viewer.Page.Locator("#boards tr").First).ToContainTextAsync("North Store");
        await Expect(viewer.Page.Locator("#sites tr").First).ToContainTextAsync("Mon 08:00–20:00 · Tue–Sun closed");
        await Expect(viewer.Page.Locator("pre")).Not.ToContainTextAsync("{");
        var wide = await viewer.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(wide <= 1366, $"the page is {wide} px wide");

        // Bad input is named before anything is sent.
        await viewer.Page.GetByLabel("id, e.g. oslo-karl-johan").FillAsync("oslo");
        await viewer.Page.GetByLabel("name", new() { Exact = true }).FillAsync("Oslo");
        await viewer.Page.GetByLabel("Time zone", new() { Exact = true }).FillAsync("Europe/Oslo");
        await viewer.Page.GetByLabel("Opening hours", new() { Exact = true }).FillAsync("{\"Mon\":\"09:00-18:00\"}");
        await viewer.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Add or change site" }).ClickAsync();
        await Expect(viewer.Page.Locator("#site .field-error")).ToContainTextAsync("Opening hours: write one day per entry");
        await viewer.Page.GetByLabel("user name", new() { Exact = true }).FillAsync("");
        await viewer.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
        await Expect(viewer.Page.Locator("#new-user .field-error")).ToHaveTextAsync("user name is required.");
        await viewer.ScreenshotAsync("admin-tables-1366x768");
        viewer.AssertNoErrors();
    }
}
