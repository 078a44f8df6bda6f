using Microsoft.Playwright;

namespace CxMonitor.BrowserTests.Pages;

/// <summary>What a customer sees after scanning a survey's QR code (or in the web widget).</summary>
public sealed class SurveyPage(IPage page)
{
    public ILocator Question => page.Locator("#question");

    public ILocator Score(int score) => page.Locator("#scale button[data-score='" + score + "']");

    public ILocator Reason(string code) => page.Locator($"#reasons button[data-code='{code}']");

    public ILocator Comment => page.Locator("#comment");

    public ILocator Consent => page.Locator("#consent");

    public ILocator Contact => page.Locator("#contact");

    public ILocator Send => page.Locator("#send");

    public ILocator Message => page.Locator("#message");

    public ILocator Done => page.Locator("#done");
}
