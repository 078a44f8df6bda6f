using CxMonitor.Testing;
using Microsoft.Playwright;

namespace CxMonitor.BrowserTests;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<InfluxdFixture>, ICollectionFixture<ChromiumFixture>
{
    public const string Name = "browser";
}

/// <summary>Debian's Chromium through Playwright (its own browser download is not possible here).</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} was not found: install the Debian package 'chromium' (apt-get install -y chromium).");
        // Waits for a page to settle get room on a busy CI machine; assertions about speed pass
        // their own, tight timeouts.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}
