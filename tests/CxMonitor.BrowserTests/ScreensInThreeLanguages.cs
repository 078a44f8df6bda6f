using System.Net.Http.Json;
using CxMonitor.BrowserTests.Pages;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using static Microsoft.Playwright.Assertions;

namespace CxMonitor.BrowserTests;

/// <summary>The wall, console, trends and admin as people see them: in English, Russian and
/// Ukrainian, at 1366×768, 1920×1080 and 3840×2160, with 1, 9 and 40 tiles of long names.
/// Screenshots of every page, size and language go to screenshots/ in the test output.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreensInThreeLanguages(InfluxdFixture influxd, ChromiumFixture chromium) : IAsyncLifetime
{
    private static readonly (int Width, int Height)[] Sizes = [(1366, 768), (1920, 1080), (3840, 2160)];
    private static readonly string[] Languages = ["en", "ru", "uk"];
    private const string LongName = "Санкт-Петербург, Невский проспект 28 — касса самообслуживания"; // 60 characters

    private BrowserApp _app = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>();
        void Board(string name, int tiles)
        {
            settings[$"Walls:Boards:{name}:Title"] = $"{tiles} tiles";
            for (var i = 0; i < tiles; i++)
            {
                // Figures on the first two (one scope is one tile), no ratings and 60-character names on the rest.
                settings[$"Walls:Boards:{name}:Tiles:{i}:Scope"] = i == 0 ? "site:north" : i == 1 ? "all" : i % 2 == 0 ? $"site:x{i}" : $"touchpoint:t{i}";
                settings[$"Walls:Boards:{name}:Tiles:{i}:Label"] = i == 0 ? "North Store" : LongName[..(60 - i.ToString().Length)] + i;
            }
        }
        Board("one", 1);
        Board("nine", 9);
        Board("forty", 40);
        _app = new BrowserApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(ScreensInThreeLanguages)), settings);
        var terminal = await _app.TerminalAsync();
        var ratings = Enumerable.Range(0, 40).Select(i => new { id = $"s{i}", scale = "csat5", score = i % 5 == 0 ? 2 : 5, site = "north", comment = i == 0 ? "Очередь слишком длинная, касса одна" : null });
        (await terminal.PostAsJsonAsync("/api/v1/ratings", ratings)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Wall_tiles_keep_every_text_inside_their_tile_at_every_size_count_and_language()
    {
        var manager = await _app.PersonAsync(UserRoles.Manager);
        var problems = new List<string>();
        foreach (var (width, height) in Sizes)
        {
            await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url, width, height);
            await viewer.SignInByApiAsync(manager);
            foreach (var board in new[] { "one", "nine", "forty" })
            foreach (var lang in Languages)
            {
                await viewer.Page.GotoAsync($"/wall/{board}?lang={lang}");
                // The figures of the site with ratings have arrived: every state is on screen.
                await Expect(viewer.Page.Locator("article.tile[data-state=value]").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
                var (tiles, found) = await PageChecks.TileGeometryAsync(viewer.Page);
                Assert.Equal(board switch { "one" => 1, "nine" => 9, _ => 40 }, tiles);
                problems.AddRange(found.Select(p => $"{board} {lang} {width}x{height}: {p}"));
                if (board != "one")
                    await viewer.ScreenshotAsync($"wall-{board}-{lang}-{width}x{height}");
            }
            viewer.AssertNoErrors();
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(40)));
    }

    [Fact]
    public async Task No_screen_in_russian_or_ukrainian_shows_an_english_catalogue_string()
    {
        var admin = await _app.PersonAsync(UserRoles.Admin);
        var found = new List<string>();
        foreach (var (width, height) in Sizes)
        foreach (var lang in Languages)
        {
            var locale = lang switch { "ru" => "ru-RU", "uk" => "uk-UA", _ => "en-GB" };
            // The browser's own language decides here: no ?lang=, nothing stored.
            await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url, width, height, locale: locale);
            await viewer.SignInByApiAsync(admin);
            foreach (var (page, ready) in new[] { ("/wall/nine", "article.tile[data-state=value]"), ("/alerts", "#list, #empty"), ("/trends", "#chart[data-points]"), ("/admin", "#rules tr") })
            {
                await viewer.Page.GotoAsync(page);
                await Expect(viewer.Page.Locator(ready).First).ToBeAttachedAsync(new() { Timeout = 20_000 });
                await viewer.ScreenshotAsync($"{page.Trim('/').Replace('/', '-')}-{lang}-{width}x{height}");
                if (lang == "en")
                    continue;
                var (language, texts, english) = await PageChecks.EnglishTextsAsync(viewer.Page);
                Assert.Equal(lang, language);
                Assert.True(texts > 10, $"{page} in {lang} showed only {texts} texts");
                found.AddRange(english.Select(e => $"{page} {lang} {width}x{height}: {e}"));
            }
            viewer.AssertNoErrors();
        }
        Assert.True(found.Count == 0, string.Join("\n", found.Distinct().Take(60)));
    }

    [Fact]
    public async Task A_person_chooses_a_language_that_outlives_the_page_and_a_screen_link_overrides_it()
    {
        await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url);
        await viewer.SignInByApiAsync(await _app.PersonAsync(UserRoles.Manager));
        await viewer.Page.GotoAsync("/trends");
        await viewer.Page.Locator("#language").SelectOptionAsync("uk");

        await Expect(viewer.Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "Тренди" })).ToBeVisibleAsync();
        await viewer.Page.GotoAsync("/wall/nine");
        await Expect(viewer.Page.Locator("article.tile[data-state=value] [data-role=live]").First).ToHaveTextAsync("40 оцінок сьогодні", new() { Timeout = 20_000 });
        await viewer.Page.GotoAsync("/wall/nine?lang=ru");
        await Expect(viewer.Page.Locator("article.tile[data-state=value] [data-role=live]").First).ToHaveTextAsync("40 оценок сегодня", new() { Timeout = 20_000 });
        await Expect(viewer.Page.Locator("article.tile[data-state=nodata] [data-role=value]").First).ToHaveTextAsync("данных пока нет");
        viewer.AssertNoErrors();
    }

    [Fact]
    public async Task An_unknown_board_says_so_instead_of_showing_a_blank_page()
    {
        await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url, locale: "uk-UA");
        await viewer.SignInByApiAsync(await _app.PersonAsync(UserRoles.Manager));

        await viewer.Page.GotoAsync("/wall/no-such-board");

        await Expect(viewer.Page.Locator("#unknown-board")).ToContainTextAsync("Табло «no-such-board» не існує.");
        await viewer.ScreenshotAsync("wall-unknown-board-uk");
    }
}
