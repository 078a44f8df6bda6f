using System.Net.Http.Json;
using CxMonitor.BrowserTests.Pages;
using CxMonitor.Testing;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Metrics;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace CxMonitor.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class TrendsView(InfluxdFixture influxd, ChromiumFixture chromium) : IAsyncLifetime
{
    private BrowserApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = new BrowserApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(TrendsView)));
        var day = new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
        int[] scores = [5, 5, 5, 5, 4, 4, 4, 4, 2, 1];
        var ratings = scores.Select((s, i) => new { id = $"t{i}", time = day.AddMinutes(i), scale = "csat5", score = s, site = "north", comment = i == 9 ? "queue far too long" : null, reasons = i >= 8 ? new[] { "waiting" } : [] });
        var terminal = await _app.TerminalAsync();
        (await terminal.PostAsJsonAsync("/api/v1/ratings", ratings)).EnsureSuccessStatusCode();
        for (var i = 0; i < 100; i++)
        {
            var status = await terminal.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/status");
            if (status.GetProperty("written").GetInt64() >= 10)
                break;
            await Task.Delay(100);
        }
        await _app.Services.GetRequiredService<Rollups>().RollUpAsync(day.AddHours(-10), day.AddDays(1), default);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_trends_page_shows_the_figures_of_seeded_data_and_exports_them_as_csv()
    {
        await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url);
        await viewer.SignInAsync(await _app.PersonAsync(UserRoles.Executive), path: "/trends?metric=csat&scope=site:north&from=2026-11-01&to=2026-11-03&bucket=day");
        var trends = new TrendsPage(viewer.Page);

        await Expect(trends.LeagueRow("North Store")).ToContainTextAsync("80.0 %");
        await Expect(viewer.Page.Locator("#reasons")).ToContainTextAsync("waiting (2)");
        await Expect(viewer.Page.Locator("#words")).ToContainTextAsync("queue (1)");
        var download = await viewer.Page.RunAndWaitForDownloadAsync(() => trends.CsvLink.ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());

        Assert.Contains("start,end,metric,value,low,high,n,previous_value,previous_n", csv);
        Assert.Contains("2026-11-02,2026-11-02,csat,80,", csv);
        Assert.Contains("?metric=csat&scope=site%3Anorth", viewer.Page.Url);
        viewer.AssertNoErrors();
    }

    [Fact]
    public async Task An_invalid_scope_in_a_shared_link_says_what_is_wrong_instead_of_a_blank_chart()
    {
        await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url);
        await viewer.SignInAsync(await _app.PersonAsync(UserRoles.Executive), path: "/trends?metric=csat&scope=planet:mars");

        await Expect(viewer.Page.Locator("#trend-error")).ToContainTextAsync("scope", new() { Timeout = 10000 });
    }

    [Fact]
    public async Task A_late_answer_to_an_older_view_never_draws_over_the_newer_one()
    {
        const string view = "metric=csat&scope=all&from=2026-08-05&to=2026-11-02";
        var executive = await _app.SignedInAsync(UserRoles.Executive, "ines");
        var weekly = await executive.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/trends?{view}&bucket=week&tz=Europe/Berlin");
        var weeks = weekly.GetProperty("points").GetArrayLength();
        await using var viewer = await Viewer.OpenAsync(chromium.Browser, _app.Url);
        await viewer.SignInAsync("ines", path: $"/trends?{view}&bucket=day");
        await Expect(viewer.Page.Locator("#chart[data-points='90']")).ToBeAttachedAsync();
        // The next daily answer is held back until after the weekly one has been drawn.
        var release = new TaskCompletionSource();
        var delivered = new TaskCompletionSource();
        await viewer.Page.RouteAsync(new System.Text.RegularExpressions.Regex(@"/api/v1/trends\?.*bucket=day"), async route =>
        {
            await release.Task;
            try { await route.ContinueAsync(); } catch (Microsoft.Playwright.PlaywrightException) { /* the page cancelled it: that is the point */ }
            delivered.TrySetResult();
        });

        await viewer.Page.Locator("select[name=compare]").SelectOptionAsync("year");
        await viewer.Page.Locator("select[name=bucket]").SelectOptionAsync("week");
        await Expect(viewer.Page.Locator($"#chart[data-points='{weeks}']")).ToBeAttachedAsync();
        release.SetResult();
        await delivered.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await viewer.Page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))");

        Assert.Equal(14, weeks);
        Assert.Equal(weeks.ToString(System.Globalization.CultureInfo.InvariantCulture), await viewer.Page.Locator("#chart").GetAttributeAsync("data-points"));
        Assert.Equal("2026-08-05", await viewer.Page.Locator("input[name=from]").InputValueAsync());
        Assert.Equal("2026-11-02", await viewer.Page.Locator("input[name=to]").InputValueAsync());
        // The downloaded PNG has white behind the chart: its top-left pixel is opaque white.
        var download = await viewer.Page.RunAndWaitForDownloadAsync(() => viewer.Page.Locator("#png").ClickAsync());
        var png = Convert.ToBase64String(await File.ReadAllBytesAsync(await download.PathAsync()));
        var corner = await viewer.Page.EvaluateAsync<int[]>("""
            async b64 => { const img = new Image(); img.src = "data:image/png;base64," + b64; await img.decode();
              const c = document.createElement("canvas"); c.width = img.width; c.height = img.height; const x = c.getContext("2d");
              x.drawImage(img, 0, 0); return [...x.getImageData(0, 0, 1, 1).data]; }
            """, png);
        Assert.Equal([255, 255, 255, 255], corner);
        await viewer.ScreenshotAsync("trends-late-answer");
        viewer.AssertNoErrors();
    }
}
