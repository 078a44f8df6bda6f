using System.Text.Json;
using Microsoft.Playwright;

namespace CxMonitor.BrowserTests.Pages;

/// <summary>Checks that run inside the page (scripts in Checks/), with their findings as text.</summary>
public static class PageChecks
{
    private static string Script(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Checks", name));

    /// <summary>Visible texts of the page that are English catalogue strings.</summary>
    public static Task<(string Language, int Texts, string[] English)> EnglishTextsAsync(IPage page) => EnglishTextsAsync(page.MainFrame);

    /// <summary>The same inside one frame (the survey widget on a shop's page).</summary>
    public static async Task<(string Language, int Texts, string[] English)> EnglishTextsAsync(IFrame frame)
    {
        var r = await frame.EvaluateAsync<JsonElement>(Script("english-texts.js"));
        return (r.GetProperty("lang").GetString()!, r.GetProperty("count").GetInt32(),
            r.GetProperty("english").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    /// <summary>Tiles that overlap, parts of a tile that overlap, text outside its tile or cut off.</summary>
    public static async Task<(int Tiles, string[] Problems)> TileGeometryAsync(IPage page)
    {
        var r = await page.EvaluateAsync<JsonElement>(Script("tile-geometry.js"));
        return (r.GetProperty("tiles").GetInt32(), r.GetProperty("problems").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    /// <summary>Buttons under their minimum size, off screen, overlapping, or with text spilling out.</summary>
    public static async Task<(int Count, string[] Problems)> TouchTargetsAsync(IPage page, int min = 48, int answerMin = 88)
    {
        var r = await page.EvaluateAsync<JsonElement>(Script("touch-targets.js"), new[] { min, answerMin });
        return (r.GetProperty("count").GetInt32(), r.GetProperty("problems").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }
}
