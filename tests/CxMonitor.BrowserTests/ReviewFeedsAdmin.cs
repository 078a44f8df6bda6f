using System.Text;
using System.Text.Json;
using CxMonitor.BrowserTests.Pages;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using static Microsoft.Playwright.Assertions;

namespace CxMonitor.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ReviewFeedsAdmin(InfluxdFixture influxd, ChromiumFixture chromium) : IAsyncLifetime
{
    private HttpStandIn _google = null!;
    private BrowserApp _app = null!;

    public async Task InitializeAsync()
    {
        _google = await HttpStandIn.StartAsync();
        var time = DateTimeOffset.UtcNow.AddHours(-2).ToString("O");
        _google.Fallback = new ScriptedResponse(200, JsonSerializer.Serialize(new
        {
            reviews = new[]
            {
                new { reviewId = "g1", starRating = "FIVE", comment = "Lovely staff", updateTime = time, reviewer = new { displayName = "Ann" } },
                new { reviewId = "g2", starRating = "ONE", comment = "Очень грубый кассир", updateTime = time, reviewer = new { displayName = "Олег" } },
            },
        }));
        _app = new BrowserApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(ReviewFeedsAdmin)), new Dictionary<string, string?>
        {
            ["Feeds:Sources:north-google:Preset"] = "google-business",
            ["Feeds:Sources:north-google:Site"] = "north",
            ["Feeds:Sources:north-google:Url"] = new Uri(_google.Url, "/v4/reviews").ToString(),
            ["Jobs:FeedPoll.north-google:Enabled"] = "false",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _google.DisposeAsync();
    }

    [Fact]
    public async Task An_admin_polls_a_feed_and_imports_a_csv_export_from_the_admin_page()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"reviews-{Guid.NewGuid():N}.csv");
        var when = DateTimeOffset.UtcNow.AddDays(-1).ToString("O");
        await File.WriteAllTextAsync(csv, "externalId,time,stars,title,text,author,url,language,site\n"
            + $"c1,{when},4,,\"Fine, quick\",Ann,,en,north\nc2,{when},2,,\"Slow\nand cold\",Bo,,en,south\nc3,{when},7,,Odd,Cy,,en,north\n", new UTF8Encoding(true));
        try
        {
            await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url);
            await viewer.SignInAsync(await _app.PersonAsync(UserRoles.Admin), path: "/admin");
            var page = viewer.Page;
            var feed = page.Locator("#feeds tr", new() { HasText = "north-google" });

            await Expect(feed).ToContainTextAsync("google-business, google");
            await feed.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Poll now" }).ClickAsync();
            await Expect(feed).ToContainTextAsync("2 new, 0 updated, 0 rejected");
            await page.GetByLabel("CSV or TSV file").SetInputFilesAsync(csv);
            await page.GetByLabel("platform").FillAsync("survey");
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Import" }).ClickAsync();

            await Expect(page.Locator("#import-result")).ToContainTextAsync("3 rows: 2 new, 0 updated, 0 unchanged, 1 rejected");
            await Expect(page.Locator("#import-result")).ToContainTextAsync("stars: review 'c3': must be a whole number from 1 to 5");
            Assert.Single(_google.Requests);
            await viewer.ScreenshotAsync("admin-feeds");
            viewer.AssertNoErrors();
        }
        finally
        {
            File.Delete(csv);
        }
    }
}
