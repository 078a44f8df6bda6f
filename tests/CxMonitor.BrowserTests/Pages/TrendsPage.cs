using Microsoft.Playwright;

namespace CxMonitor.BrowserTests.Pages;

/// <summary>What executives read.</summary>
public sealed class TrendsPage(IPage page)
{
    public Task OpenAsync(string query) => page.GotoAsync("/trends?" + query);

    public ILocator LeagueRow(string name) => page.Locator("#league tr", new() { HasText = name });

    public ILocator CsvLink => page.Locator("#csv");
}
