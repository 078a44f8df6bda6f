using CxMonitor.BrowserTests.Pages;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using static Microsoft.Playwright.Assertions;

namespace CxMonitor.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AlertConsole(InfluxdFixture influxd, ChromiumFixture chromium) : IAsyncLifetime
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
                summary: "Poisoning complaint at {{site}}"
            """);
        _app = new BrowserApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(AlertConsole)), new Dictionary<string, string?> { ["Alerts:Directory"] = _rules });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_rules, recursive: true);
    }

    [Fact]
    public async Task A_new_alert_appears_without_reload_and_is_acknowledged_end_to_end()
    {
        await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url);
        await viewer.SignInAsync(await _app.PersonAsync(UserRoles.Duty, "olena"), path: "/alerts");
        var console = new AlertConsolePage(viewer.Page);
        await Expect(viewer.Page.Locator("#empty")).ToBeVisibleAsync();

        var terminal = await _app.TerminalAsync();
        (await terminal.PostAsync("/api/v1/ratings", BrowserApp.Json("""{"id":"c1","scale":"csat5","score":1,"site":"south","comment":"food poisoning, twice"}"""))).EnsureSuccessStatusCode();
        var row = console.Row("Poisoning complaint at south");
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 5000 });
        await row.ClickAsync();
        await Expect(console.Detail).ToContainTextAsync("food poisoning, twice");
        await console.AcknowledgeAsync();

        await Expect(console.Detail.Locator(".meta")).ToContainTextAsync("acknowledged · Acknowledged by olena", new() { Timeout = 5000 });
        await Expect(row).ToContainTextAsync("acknowledged");
        await Expect(console.Detail.Locator(".history")).ToContainTextAsync("olena · acknowledged");
        viewer.AssertNoErrors();
    }
}
