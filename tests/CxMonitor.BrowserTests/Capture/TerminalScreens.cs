using CxMonitor.BrowserTests.Pages;
using CxMonitor.Influx.Query;
using CxMonitor.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CxMonitor.BrowserTests.Capture;

/// <summary>The terminal as customers see it: on a tablet and a phone, switched between English,
/// Russian and Ukrainian on the screen, worked by touch and by keyboard, with the follow-up after
/// an unhappy answer. Screenshots go to screenshots/terminal-*.png.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TerminalScreens(InfluxdFixture influxd, ChromiumFixture chromium) : IAsyncLifetime
{
    private static readonly (string Code, string OwnName)[] Languages = [("en", "English"), ("ru", "Русский"), ("uk", "Українська")];
    private BrowserApp _app = null!;
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await influxd.CreateDatabaseAsync(nameof(TerminalScreens));
        _app = new BrowserApp(influxd.Url, _database, new Dictionary<string, string?> { ["Capture:ThankYou"] = "00:00:01", ["Capture:FollowUpTimeout"] = "00:00:03" });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(1280, 800, "smiley4", 88)]
    [InlineData(390, 844, "smiley4", 88)]
    [InlineData(390, 844, "nps11", 56)]
    public async Task Every_language_keeps_big_separate_touch_targets_with_their_text_inside(int width, int height, string scale, int answerMin)
    {
        var (_, pairUrl) = await CaptureSteps.CreateTerminalAsync(_app, new { name = "Till", site = "north", touchpoint = "checkout", scale });
        await using var tablet = await Viewer.OpenAsync(chromium.Browser, _app.Url, width, height);
        await tablet.Page.GotoAsync(pairUrl);
        var terminal = new TerminalPage(tablet.Page);
        foreach (var (code, ownName) in Languages)
        {
            await terminal.Language(ownName).ClickAsync();
            await Expect(tablet.Page.Locator("html")).ToHaveAttributeAsync("lang", code);
            var (count, problems) = await PageChecks.TouchTargetsAsync(tablet.Page, answerMin: answerMin);
            Assert.True(count >= 7, $"{count} buttons on screen");
            Assert.True(problems.Length == 0, $"{width}×{height} {scale} {code}: " + string.Join("; ", problems));
            if (code != "en")
            {
                var (_, _, english) = await PageChecks.EnglishTextsAsync(tablet.Page);
                Assert.True(english.Length == 0, $"{code}: English on screen: " + string.Join("; ", english));
            }
            await tablet.ScreenshotAsync($"terminal-{scale}-{width}x{height}-{code}");
        }
        tablet.AssertNoErrors();
    }

    [Fact]
    public async Task An_unhappy_answer_asks_why_in_the_chosen_language_and_the_next_customer_starts_in_the_terminals_own()
    {
        var (_, pairUrl) = await CaptureSteps.CreateTerminalAsync(_app, new { name = "Kyiv till", site = "south", touchpoint = "checkout",
            question = new Dictionary<string, string> { ["en"] = "How was the checkout?", ["uk"] = "Як пройшла оплата?" } });
        await using var tablet = await Viewer.OpenAsync(chromium.Browser, _app.Url, 1280, 800);
        await tablet.Page.GotoAsync(pairUrl);
        var terminal = new TerminalPage(tablet.Page);
        await Expect(terminal.Question).ToHaveTextAsync("How was the checkout?");

        await terminal.Language("Українська").ClickAsync();
        await Expect(terminal.Question).ToHaveTextAsync("Як пройшла оплата?");
        await terminal.Answer("Незадоволений").ClickAsync();
        await Expect(terminal.FollowUp).ToBeVisibleAsync();
        await Expect(tablet.Page.Locator("#follow-title")).ToHaveTextAsync("Нам шкода. Що пішло не так?");
        var (_, problems) = await PageChecks.TouchTargetsAsync(tablet.Page);
        Assert.True(problems.Length == 0, string.Join("; ", problems));
        await terminal.Reason("Очікування").ClickAsync();
        await Expect(terminal.Reason("Очікування")).ToHaveAttributeAsync("aria-pressed", "true");
        await terminal.Comment.FillAsync("Одна каса на всіх");
        await tablet.ScreenshotAsync("terminal-follow-up-1280x800-uk");
        await terminal.Send.ClickAsync();
        await Expect(terminal.Thanks).ToBeVisibleAsync();
        await Expect(terminal.Thanks).ToContainTextAsync("Дякуємо!");
        await tablet.ScreenshotAsync("terminal-thanks-1280x800-uk");

        // Back to the question, in English again for the next customer; the keyboard works too.
        await Expect(terminal.Question).ToHaveTextAsync("How was the checkout?");
        await terminal.Answer("Very happy").FocusAsync();
        await tablet.Page.Keyboard.PressAsync("Enter");
        await Expect(terminal.Thanks).ToBeVisibleAsync();

        Assert.Equal(2, await CaptureSteps.SettledCountAsync(_app, influxd, _database, "site = 'south'", 2, TimeSpan.FromSeconds(15)));
        using var client = influxd.CreateClient();
        var rows = await client.GetQueryApi().QuerySeriesAsync(new InfluxQuery("SELECT score, reasons, comment, language FROM rating WHERE site = 'south' AND score = 2"), _database);
        Assert.Equal("wait-time", rows[0].GetString(0, "reasons"));
        Assert.Equal("Одна каса на всіх", rows[0].GetString(0, "comment"));
        Assert.Equal("uk", rows[0].GetString(0, "language"));
        tablet.AssertNoErrors();
    }

    [Fact]
    public async Task A_follow_up_left_alone_goes_back_to_the_question_and_keeps_the_answer()
    {
        var (_, pairUrl) = await CaptureSteps.CreateTerminalAsync(_app, new { name = "Exit", site = "north", touchpoint = "exit" });
        await using var tablet = await Viewer.OpenAsync(chromium.Browser, _app.Url, 1280, 800);
        await tablet.Page.GotoAsync(pairUrl);
        var terminal = new TerminalPage(tablet.Page);
        await terminal.Answer("Very unhappy").ClickAsync();
        await Expect(terminal.FollowUp).ToBeVisibleAsync();
        // Nobody touches it: after the timeout (3 s here) the question is back, without a thank-you.
        await Expect(terminal.Question).ToBeVisibleAsync(new() { Timeout = 6000 });
        Assert.Equal(1, await CaptureSteps.SettledCountAsync(_app, influxd, _database, "touchpoint = 'exit' AND score = 1", 1, TimeSpan.FromSeconds(15)));
        tablet.AssertNoErrors();
    }
}
