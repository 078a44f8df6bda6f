using System.Net;
using System.Text;
using CxMonitor.BrowserTests.Pages;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CxMonitor.BrowserTests.Capture;

/// <summary>The survey in a web shop's corner widget (in three languages, on the shop's own
/// origin) and on the printed A4 poster with its QR code.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WidgetAndPoster(InfluxdFixture influxd, ChromiumFixture chromium) : IAsyncLifetime
{
    private BrowserApp _app = null!;
    private HttpStandIn _shop = null!;
    private string _database = "";

    // The web shop: a real server on another port, so another origin (Chromium keeps a page from
    // an unknown public origin off loopback addresses).
    private string Shop => _shop.Url.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync()
    {
        _shop = await HttpStandIn.StartAsync();
        _database = await influxd.CreateDatabaseAsync(nameof(WidgetAndPoster));
        _app = new BrowserApp(influxd.Url, _database, new Dictionary<string, string?> { ["Capture:WidgetOrigins:0"] = Shop });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _shop.DisposeAsync();
    }

    [Fact]
    public async Task The_widget_on_a_shop_page_takes_an_answer_in_each_language()
    {
        var code = await SurveyAnswers.CreateSurveyAsync(_app, new { site = "north", touchpoint = "web-checkout", channel = "web", scale = "csat5" });
        var labels = new Dictionary<string, (string Open, string Thanks)> { ["en"] = ("Rate us", "Thank you!"), ["ru"] = ("Оцените нас", "Спасибо!"), ["uk"] = ("Оцініть нас", "Дякуємо!") };
        foreach (var (lang, (open, thanks)) in labels)
        {
            await using var shopper = await Viewer.OpenAsync(chromium.Browser, _app.Url, 1280, 800);
            // The shop's page, on its own origin, with the one script tag the README gives.
            _shop.Fallback = new ScriptedResponse(200,
                $"<!doctype html><html><head><link rel=\"icon\" href=\"data:,\"></head><body><h1>Shop</h1><script src=\"{_app.Url}js/widget.js\" data-survey=\"{code}\" data-lang=\"{lang}\" async></script></body></html>",
                new Dictionary<string, string> { ["Content-Type"] = "text/html; charset=utf-8" });
            await shopper.Page.GotoAsync($"{Shop}/basket");
            var widget = shopper.Page.FrameLocator("#cx-survey-widget");
            await widget.GetByRole(AriaRole.Button, new() { Name = open }).ClickAsync();
            await Expect(widget.Locator("#question")).ToBeVisibleAsync();
            var box = await shopper.Page.Locator("#cx-survey-widget").BoundingBoxAsync();
            Assert.True(box is { Width: > 300, Height: > 500 } && box.X + box.Width <= 1280 && box.Y + box.Height <= 800, $"the open widget is {box?.Width}×{box?.Height} at {box?.X},{box?.Y}");
            if (lang != "en")
            {
                var (_, _, english) = await PageChecks.EnglishTextsAsync(shopper.Page.Frames.Single(f => f.Url.Contains("/s/", StringComparison.Ordinal)));
                Assert.True(english.Length == 0, string.Join("; ", english));
            }
            await widget.Locator("#scale button[data-score='4']").ClickAsync();
            await widget.Locator("#send").ClickAsync();
            await Expect(widget.Locator("#done")).ToContainTextAsync(thanks);
            await shopper.ScreenshotAsync($"widget-1280x800-{lang}");
            shopper.AssertNoErrors();
        }
        Assert.Equal(3, await CaptureSteps.SettledCountAsync(_app, influxd, _database, "source = 'survey' AND channel = 'web' AND touchpoint = 'web-checkout'", 3, TimeSpan.FromSeconds(15)));

        // Framing is allowed for the survey page and the listed shop only.
        using var anyone = new HttpClient { BaseAddress = _app.Url };
        var survey = await anyone.GetAsync($"/s/{code}");
        Assert.EndsWith($"frame-ancestors {Shop}", survey.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.False(survey.Headers.Contains("X-Frame-Options"));
        var login = await anyone.GetAsync("/login");
        Assert.Contains("frame-ancestors 'none'", login.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", login.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task An_admin_prints_a_one_page_A4_poster_and_downloads_the_QR_code_others_may_not()
    {
        var code = await SurveyAnswers.CreateSurveyAsync(_app, new { site = "south", touchpoint = "visit" });
        using var admin = await _app.SignedInAsync(UserRoles.Admin, "capture-admin");
        var png = await admin.GetAsync($"/api/v1/surveys/{code}/qr.png");
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, (await png.Content.ReadAsByteArrayAsync())[..4]);
        var svg = await admin.GetAsync($"/api/v1/surveys/{code}/qr.svg");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", (await svg.Content.ReadAsStringAsync()).TrimStart(), StringComparison.Ordinal);
        using var duty = await _app.SignedInAsync(UserRoles.Duty, "olena");
        Assert.Equal(HttpStatusCode.Forbidden, (await duty.GetAsync($"/api/v1/surveys/{code}/qr.png")).StatusCode);

        await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url, 794, 1123);
        await viewer.SignInByApiAsync("capture-admin");
        await viewer.Page.GotoAsync($"/surveys/{code}/poster?lang=uk");
        await Expect(viewer.Page.Locator(".poster h1")).ToHaveTextAsync("Розкажіть, як ми впоралися");
        await Expect(viewer.Page.Locator("#site")).ToHaveTextAsync("South Store");
        await Expect(viewer.Page.Locator("#link")).ToHaveTextAsync($"{_app.Url}s/{code}");
        Assert.True(await viewer.Page.Locator("#qr").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"), "the QR code did not load");
        var (_, english) = await PageChecks.EnglishTextsAsync(viewer.Page) is var r ? (r.Texts, r.English) : default;
        Assert.Empty(english);
        await viewer.ScreenshotAsync("poster-a4-uk");
        var pdf = Encoding.Latin1.GetString(await viewer.Page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true }));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(pdf, @"/Type\s*/Page[^s]"));
        viewer.AssertNoErrors();
    }
}
