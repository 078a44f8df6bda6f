using Microsoft.Playwright;

namespace CxMonitor.BrowserTests.Pages;

/// <summary>What duty staff work alerts in.</summary>
public sealed class AlertConsolePage(IPage page)
{
    public Task OpenAsync() => page.GotoAsync("/alerts");

    public ILocator Row(string summaryText) => page.Locator("#list tr", new() { HasText = summaryText });

    public ILocator Detail => page.Locator("#detail");

    public Task AcknowledgeAsync() => Detail.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
}
