using Microsoft.Playwright;

namespace CxMonitor.BrowserTests.Pages;

/// <summary>What a customer sees on the kiosk tablet.</summary>
public sealed class TerminalPage(IPage page)
{
    public ILocator Question => page.Locator("#question");

    public ILocator Answer(string label) => page.Locator("#scale").GetByRole(AriaRole.Button, new() { Name = label, Exact = true });

    public ILocator Thanks => page.Locator("#thanks");

    public ILocator FollowUp => page.Locator("#follow");

    public ILocator Reason(string label) => page.Locator("#reasons").GetByRole(AriaRole.Button, new() { Name = label, Exact = true });

    public ILocator Comment => page.Locator("#comment");

    public ILocator Send => page.Locator("#send");

    public ILocator Unpaired => page.Locator("#unpaired");

    public ILocator OfflineMark => page.Locator("#offline");

    public ILocator Language(string ownName) => page.Locator("#langs").GetByRole(AriaRole.Button, new() { Name = ownName, Exact = true });

    /// <summary>Taps an answer and waits for the question to come back (thank-you shown and gone).</summary>
    public async Task TapAsync(string label)
    {
        await Answer(label).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(Question).ToBeVisibleAsync();
    }
}
