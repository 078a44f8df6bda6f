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
    private string _rules = "";

    public async Task InitializeAsync()
    {
        // No summary of its own: every reader gets the built-in wording in their language.
        _rules = Directory.CreateTempSubdirectory("cx-browser-rules-").FullName;
        await File.WriteAllTextAsync(Path.Combine(_rules, "rules.yaml"), """
            rules:
              - name: poisoning
                kind: event
                severity: critical
                keywords: ["food poisoning", "отрав*"]
            """);
        var settings = new Dictionary<string, string?>
        {
            ["Alerts:Directory"] = _rules,
            ["Sites:2:Id"] = "east", ["Sites:2:Name"] = "East Market", ["Sites:2:TimeZone"] = "Europe/Berlin", ["Sites:2:OpeningHours:Mon"] = "08:00-20:00",
            // A board that watches the site with a firing critical moment, and one with its own language.
            ["Walls:Boards:watch:Title"] = "watch", ["Walls:Boards:watch:Tiles:0:Scope"] = "site:east", ["Walls:Boards:watch:Tiles:0:Label"] = "East Market",
            ["Walls:Boards:watch:Tiles:1:Scope"] = "site:north", ["Walls:Boards:watch:Tiles:1:Label"] = "North Store",
            ["Walls:Boards:kiosk:Language"] = "ru", ["Walls:Boards:kiosk:Tiles:0:Scope"] = "site:north", ["Walls:Boards:kiosk:Tiles:0:Label"] = "North Store",
        };
        void Board(string name, int tiles)
        {
            settings[$"Walls:Boards:{name}:Title"] = $"{tiles} tiles";
            for (var i = 0; i < tiles; i++)
            {
                // Figures on the first (with an acknowledged critical moment), a few ratings on the
                // second (not enough data), no ratings and 60-character names on the rest.
                settings[$"Walls:Boards:{name}:Tiles:{i}:Scope"] = i == 0 ? "site:north" : i == 1 ? "site:south" : i % 2 == 0 ? $"site:x{i}" : $"touchpoint:t{i}";
                settings[$"Walls:Boards:{name}:Tiles:{i}:Label"] = i == 0 ? "North Store" : LongName[..(60 - i.ToString().Length)] + i;
            }
        }
        Board("one", 1);
        Board("nine", 9);
        Board("forty", 40);
        _app = new BrowserApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(ScreensInThreeLanguages)), settings);
        var terminal = await _app.TerminalAsync();
        var ratings = Enumerable.Range(0, 40).Select(i => new
        {
            id = $"s{i}", scale = "csat5", score = i % 5 == 0 ? 2 : 5, site = "north",
            comment = i == 0 ? "Очередь слишком длинная, касса одна" : i == 5 ? "food poisoning after the soup" : null,
        }).Concat(Enumerable.Range(0, 3).Select(i => new { id = $"south{i}", scale = "csat5", score = 4, site = "south", comment = (string?)null }))
            .Append(new { id = "east0", scale = "csat5", score = 1, site = "east", comment = (string?)"Кажется, я отравился салатом, пришлите кого-нибудь" });
        (await terminal.PostAsJsonAsync("/api/v1/ratings", ratings)).EnsureSuccessStatusCode();
        // North's critical moment is taken (its tile keeps a red frame); east's still waits (the overlay).
        var duty = await _app.SignedInAsync(UserRoles.Duty);
        var open = await duty.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/alerts?state=open");
        for (var deadline = DateTime.UtcNow.AddSeconds(15); open.GetArrayLength() < 2 && DateTime.UtcNow < deadline; await Task.Delay(100))
            open = await duty.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/alerts?state=open");
        var north = open.EnumerateArray().Single(a => a.GetProperty("site").GetString() == "north").GetProperty("id").GetInt64();
        (await duty.PostAsync($"/api/v1/alerts/{north}/acknowledge", null)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_rules, recursive: true);
    }

    [Fact]
    public async Task Wall_tiles_keep_every_text_inside_their_tile_at_every_size_count_language_and_state()
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
                // Every state is on screen: figures with an unresolved critical moment (north), not
                // enough data (south), no data (the rest).
                await Expect(viewer.Page.Locator("article.tile[data-state=value][data-alert=critical]").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
                if (board != "one")
                {
                    await Expect(viewer.Page.Locator("article.tile[data-state=notenough]").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
                    await Expect(viewer.Page.Locator("article.tile[data-state=nodata]").First).ToBeVisibleAsync();
                }
                var (tiles, found) = await PageChecks.TileGeometryAsync(viewer.Page);
                Assert.Equal(board switch { "one" => 1, "nine" => 9, _ => 40 }, tiles);
                problems.AddRange(found.Select(p => $"{board} {lang} {width}x{height}: {p}"));
                if (board != "one")
                    await viewer.ScreenshotAsync($"wall-{board}-{lang}-{width}x{height}");
                if (board == "forty")
                {
                    // Figures that are not current: dimmed, with the status on top, nothing moved.
                    await viewer.Page.Context.SetOfflineAsync(true);
                    await Expect(viewer.Page.Locator("#status")).ToBeVisibleAsync();
                    var (_, offline) = await PageChecks.TileGeometryAsync(viewer.Page);
                    problems.AddRange(offline.Select(p => $"{board} {lang} {width}x{height} offline: {p}"));
                    await viewer.ScreenshotAsync($"wall-{board}-{lang}-{width}x{height}-offline");
                    await viewer.Page.Context.SetOfflineAsync(false);
                }
            }
            viewer.AssertNoErrors(ignoreOffline: true);
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
            // The sign-in page first, before anyone is known.
            await viewer.Page.GotoAsync("/login");
            await Expect(viewer.Page.Locator("form button").First).ToBeVisibleAsync();
            await viewer.ScreenshotAsync($"login-{lang}-{width}x{height}");
            if (lang != "en")
                found.AddRange((await PageChecks.EnglishTextsAsync(viewer.Page)).English.Select(e => $"/login {lang} {width}x{height}: {e}"));
            await viewer.SignInByApiAsync(admin);
            foreach (var (page, ready) in new[] { ("/", "nav.top"), ("/wall/nine", "article.tile[data-state=value]"), ("/wall/watch", "#overlay[data-count='1']"), ("/alerts", "#list tr"),
                ("/trends", "#chart[data-points]"), ("/admin", "#rules tr") })
            {
                await viewer.Page.GotoAsync(page);
                await Expect(viewer.Page.Locator(ready).First).ToBeAttachedAsync(new() { Timeout = 20_000 });
                if (page == "/alerts")
                {
                    // The detail too: its summary, description and history are what duty staff read.
                    await viewer.Page.Locator("#list tr").First.ClickAsync();
                    await Expect(viewer.Page.Locator("#detail .history li").First).ToBeVisibleAsync();
                }
                if (page == "/wall/watch")
                {
                    // One critical moment waits (north's was taken): the count says so on every screen,
                    // and nothing of the overlay leaves the screen.
                    await Expect(viewer.Page.Locator("#overlay-count")).ToHaveTextAsync(lang switch
                    {
                        "ru" => "1 критический момент ждёт реакции", "uk" => "1 критичний момент чекає на реакцію", _ => "1 critical moment is waiting",
                    });
                    Assert.True(await viewer.Page.EvaluateAsync<bool>("() => [...document.querySelectorAll('#overlay p')].every(p => { const r = p.getBoundingClientRect(); return r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight; })"),
                        $"the overlay leaves the screen at {width}x{height} in {lang}");
                }
                await viewer.ScreenshotAsync($"{(page == "/" ? "home" : page.Trim('/').Replace('/', '-'))}-{lang}-{width}x{height}");
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
    public async Task A_persons_language_follows_them_to_another_browser_and_a_board_or_link_overrides_it()
    {
        var lena = await _app.PersonAsync(UserRoles.Manager, "lena");
        await using (var first = await Viewer.OpenAsync(chromium.Browser, _app.Url))
        {
            await first.SignInByApiAsync(lena);
            await first.Page.GotoAsync("/trends");
            await first.Page.Locator("#language").SelectOptionAsync("uk");
            await Expect(first.Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "Тренди" })).ToBeVisibleAsync();
            first.AssertNoErrors();
        }

        // Another browser (its own cookies and storage, an English locale): the same person, the same language.
        await using var second = await Viewer.OpenAsync(chromium.Browser, _app.Url, locale: "en-GB");
        await second.SignInByApiAsync(lena);
        await second.Page.GotoAsync("/trends");
        await Expect(second.Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "Тренди" })).ToBeVisibleAsync();
        await Expect(second.Page.Locator("#language")).ToHaveValueAsync("uk");
        await second.Page.GotoAsync("/wall/nine");
        await Expect(second.Page.Locator("article.tile[data-state=value] [data-role=live]").First).ToHaveTextAsync("40 оцінок сьогодні", new() { Timeout = 20_000 });
        // A board's language is the screen's (decision 0020), and a link's beats both.
        await second.Page.GotoAsync("/wall/kiosk");
        await Expect(second.Page.Locator("article.tile[data-state=value] [data-role=live]").First).ToHaveTextAsync("40 оценок сегодня", new() { Timeout = 20_000 });
        await second.Page.GotoAsync("/wall/nine?lang=en");
        await Expect(second.Page.Locator("article.tile[data-state=value] [data-role=live]").First).ToHaveTextAsync("40 ratings today", new() { Timeout = 20_000 });
        await Expect(second.Page.Locator("article.tile[data-state=nodata] [data-role=value]").First).ToHaveTextAsync("no data yet");
        second.AssertNoErrors();
    }

    [Fact]
    public async Task Every_catalogue_has_every_key_and_plural_form_of_the_english_one()
    {
        await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url);
        await viewer.Page.GotoAsync("/login");

        var missing = await viewer.Page.EvaluateAsync<string[]>("""
            async () => {
              const { catalogues } = await import("/js/i18n.js");
              const plural = { ru: ["one", "few", "many", "other"], uk: ["one", "few", "many", "other"] };
              const missing = [];
              for (const lang of ["ru", "uk"])
                for (const [key, value] of Object.entries(catalogues.en)) {
                  const own = catalogues[lang][key];
                  if (own == null) missing.push(`${lang}: ${key}`);
                  else if (typeof value === "object") for (const form of plural[lang]) if (!own[form]) missing.push(`${lang}: ${key}.${form}`);
                }
              return missing;
            }
            """);

        Assert.True(missing.Length == 0, string.Join("\n", missing));
        Assert.True(await viewer.Page.EvaluateAsync<int>("async () => Object.keys((await import('/js/i18n.js')).catalogues.en).filter(k => k.startsWith('alert.')).length") > 20,
            "the alert wording (alerts.json) is not part of the catalogues");
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
