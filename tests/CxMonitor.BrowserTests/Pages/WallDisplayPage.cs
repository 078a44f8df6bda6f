using Microsoft.Playwright;

namespace CxMonitor.BrowserTests.Pages;

/// <summary>What a service manager sees on the TV.</summary>
public sealed class WallDisplayPage(IPage page)
{
    public Task OpenAsync(string board = "main") => page.GotoAsync($"/wall/{board}");

    public ILocator Tile(string label) => page.Locator("article.tile", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = label, Exact = true }) });

    public Task<string> ValueAsync(string label) => Tile(label).Locator("[data-role=value]").InnerTextAsync();

    public Task<string> LiveCountAsync(string label) => Tile(label).Locator("[data-role=live]").InnerTextAsync();

    public ILocator Status => page.Locator("#status");

    /// <summary>Present once the live channel has subscribed the board's scopes: from then on every
    /// accepted rating reaches the ticker. <see cref="Status"/> is hidden from the start, before
    /// the channel is up, so its being hidden does not say that (a rating posted in between never
    /// reached the ticker: a CI failure under load).</summary>
    public ILocator Live => page.Locator("body[data-live=live]");

    public ILocator Overlay => page.Locator("#overlay");

    public ILocator Ticker => page.Locator("#ticker");
}
