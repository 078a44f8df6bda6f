using Microsoft.Playwright;

namespace CxMonitor.BrowserTests.Pages;

/// <summary>One person at one screen: a browser context of the given size whose console errors
/// and page errors are collected, so every test can also say "no page logged an error".</summary>
public sealed class Viewer : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private Viewer(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (Environment.GetEnvironmentVariable("CX_BROWSER_DEBUG") is not null)
                Console.WriteLine($"[{message.Type}] {message.Text}");
            if (message.Type == "error")
                Errors.Add($"console: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => Errors.Add("page: " + error);
    }

    public IPage Page { get; }

    public List<string> Errors { get; } = [];

    public static async Task<Viewer> OpenAsync(IBrowser browser, Uri app, int width = 1920, int height = 1080, string timeZone = "Europe/Berlin", string locale = "en-GB")
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.ToString(), ViewportSize = new ViewportSize { Width = width, Height = height }, TimezoneId = timeZone, Locale = locale, AcceptDownloads = true,
        });
        return new Viewer(context, await context.NewPageAsync());
    }

    public async Task SignInAsync(string userName, string password = BrowserApp.Password, string path = "/")
    {
        await Page.GotoAsync(path);
        await Page.GetByLabel("User name").FillAsync(userName);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
    }

    /// <summary>Signs in through the session API (the browser's cookie jar), for pages in any language.</summary>
    public async Task SignInByApiAsync(string userName, string password = BrowserApp.Password)
    {
        var response = await _context.APIRequest.PostAsync("/api/v1/session", new() { DataObject = new { userName, password } });
        Assert.True(response.Ok, $"sign-in as {userName}: {response.Status}");
    }

    public async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }

    /// <summary>Fails the test with every error a page logged.</summary>
    public void AssertNoErrors(bool ignoreOffline = false)
    {
        // A test that takes the network away expects the browser to say it could not connect.
        var errors = ignoreOffline ? Errors.Where(e => !e.Contains("ERR_INTERNET_DISCONNECTED", StringComparison.Ordinal)).ToList() : Errors;
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
