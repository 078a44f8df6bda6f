using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CxMonitor.Testing;
using Microsoft.Playwright;

namespace CxMonitor.Benchmarks;

/// <summary>Issue 6's soak: a wall display with 24 tiles in Debian's Chromium, snapshot updates
/// every 10 s and 10 ratings/s, for --minutes (default 30): first paint, JS heap after GC at the
/// start and the end, and the renderer's main-thread CPU share.</summary>
internal static class WallSoak
{
    public static async Task<int> RunAsync(string[] args)
    {
        var minutes = Figures.IntOption(args, "--minutes", 30);
        await using var influxd = await InfluxdServer.StartAsync();
        var settings = new Dictionary<string, string>();
        for (var s = 0; s < 23; s++)
        {
            settings[$"Sites__{s}__Id"] = $"site-{s:D2}";
            settings[$"Sites__{s}__Name"] = $"Store {s}";
            settings[$"Sites__{s}__TimeZone"] = "Europe/Berlin";
            foreach (var day in new[] { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" })
                settings[$"Sites__{s}__OpeningHours__{day}"] = "00:00-24:00";
        }
        await using var app = await AppProcess.StartAsync(influxd.Url, "soak", settings);
        var key = await app.CliAsync("keys", "create", "--source", "soak", "--sites", "*");
        using var admin = await app.AdminClientAsync();
        var display = await (await admin.PostAsJsonAsync("api/v1/displays", new { name = "soak screen", board = "main" })).Content.ReadFromJsonAsync<JsonElement>();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = app.Url.ToString(), ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        var errors = 0;
        page.Console += (_, m) => { if (m.Type == "error") errors++; };
        await page.GotoAsync(display.GetProperty("pairUrl").GetString()!);
        try
        {
            await page.Locator("article.tile").Nth(23).WaitForAsync();
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = "soak-failed.png" });
            Console.WriteLine($"the wall did not show 24 tiles; screenshot soak-failed.png, page {page.Url}");
            throw;
        }
        var paint = await page.EvaluateAsync<double>("() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1");
        var tilesAt = await page.EvaluateAsync<double>("() => performance.now()");
        Console.WriteLine($"first contentful paint {paint:N0} ms; 24 tiles on screen {tilesAt:N0} ms after navigation (target first paint < 1,000 ms)");

        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Performance.enable");
        var heapStart = await HeapAfterGcAsync(cdp);
        var (taskStart, clockStart) = await TaskDurationAsync(cdp);
        Console.WriteLine($"JS heap after GC at start: {heapStart / 1024.0 / 1024:N2} MB");

        using var http = new HttpClient { BaseAddress = app.Url };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var end = DateTime.UtcNow.AddMinutes(minutes);
        var sent = 0;
        var watch = Stopwatch.StartNew();
        var nextSample = TimeSpan.FromMinutes(1);
        while (DateTime.UtcNow < end)
        {
            var batch = string.Join(',', Enumerable.Range(0, 10).Select(i =>
                $$"""{"id":"s{{sent + i}}","scale":"csat5","score":{{1 + ((sent + i) % 5)}},"site":"site-{{(sent + i) % 23:D2}}","comment":"{{((sent + i) % 7 == 0 ? "The queue was long" : "")}}"}"""));
            (await http.PostAsync("api/v1/ratings", new StringContent($"[{batch}]", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            sent += 10;
            if (watch.Elapsed >= nextSample)
            {
                var (task, clock) = await TaskDurationAsync(cdp);
                Console.WriteLine($"{watch.Elapsed.TotalMinutes:0} min: {sent:N0} ratings, renderer CPU so far {(task - taskStart) / (clock - clockStart):P1} of one core");
                nextSample += TimeSpan.FromMinutes(1);
            }
            var wait = TimeSpan.FromSeconds(sent / 10.0) - watch.Elapsed;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
        }
        var (taskEnd, clockEnd) = await TaskDurationAsync(cdp);
        var heapEnd = await HeapAfterGcAsync(cdp);
        Console.WriteLine($"after {minutes} min and {sent:N0} ratings: JS heap after GC {heapStart / 1024.0 / 1024:N2} MB at start, {heapEnd / 1024.0 / 1024:N2} MB at end; " +
            $"renderer main-thread CPU {(taskEnd - taskStart) / (clockEnd - clockStart):P1} of one core on average (target < 5 %); console errors {errors}");
        return 0;
    }

    private static async Task<double> HeapAfterGcAsync(ICDPSession cdp)
    {
        await cdp.SendAsync("HeapProfiler.collectGarbage");
        var usage = await cdp.SendAsync("Runtime.getHeapUsage");
        return usage!.Value.GetProperty("usedSize").GetDouble();
    }

    /// <summary>The renderer's main-thread task time and the metrics' own clock, both in seconds.</summary>
    private static async Task<(double Task, double Clock)> TaskDurationAsync(ICDPSession cdp)
    {
        var metrics = (await cdp.SendAsync("Performance.getMetrics"))!.Value.GetProperty("metrics").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("value").GetDouble());
        return (metrics["TaskDuration"], metrics["Timestamp"]);
    }
}
