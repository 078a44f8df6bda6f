using CxMonitor.Testing;
using CxMonitor.Web.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CxMonitor.Web.Tests;

/// <summary>A fresh app-state folder, deleted afterwards; used as a class fixture so that every
/// test class has its own databases (tests take sub-folders when they need more than one).</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("cxmonitor-state-").FullName;

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public string NewSub() => Sub(Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        // Pooled connections keep the files open; release them before deleting.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still being closed; the OS cleans the temp folder eventually.
        }
    }
}

/// <summary>The real app on TestServer over its own app-state folder. InfluxDB is not needed:
/// its URL points at a closed port and nothing is created there.</summary>
public sealed class TestApp(string stateDirectory, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public static readonly IReadOnlyDictionary<string, string?> BerlinSeed = new Dictionary<string, string?>
    {
        ["Sites:0:Id"] = "berlin-alexanderplatz",
        ["Sites:0:Name"] = "Berlin Alexanderplatz",
        ["Sites:0:TimeZone"] = "Europe/Berlin",
        ["Sites:0:OpeningHours:Mon"] = "09:00-20:00",
        ["Sites:1:Id"] = "riga-old-town",
        ["Sites:1:Name"] = "Riga Old Town",
        ["Sites:1:TimeZone"] = "Europe/Riga",
        ["Sites:1:OpeningHours:Mon"] = "10:00-20:00",
    };

    public string StateDirectory => stateDirectory;

    /// <summary>The two seed sites, with settings added or overridden.</summary>
    public static TestApp WithSites(string stateDirectory, params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>(BerlinSeed);
        foreach (var (key, value) in more)
            settings[key] = value;
        return new TestApp(stateDirectory, settings);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task<string> CreateKeyAsync(params string[] sites)
    {
        var (_, key) = await Get<ApiKeyStore>().CreateAsync("tests", sites.Length == 0 ? [ApiKeyInfo.AllSites] : sites);
        return key;
    }

    /// <summary>Without redirect handling: the factory's redirect handler buffers request bodies,
    /// which would give every request a Content-Length.</summary>
    public HttpClient ClientWithKey(string? key)
    {
        // Started first: on Kestrel the base address is the server's, known once it listens.
        StartServer();
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });
        if (key is not null)
            client.DefaultRequestHeaders.Add(ApiKeyDefaults.Header, key);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("State:Directory", stateDirectory);
        foreach (var (key, value) in AppStateUnderTest.Settings(stateDirectory))
            builder.UseSetting(key, value);
        builder.UseSetting("Influx:Url", $"http://127.0.0.1:{FreePort.Next()}/");
        builder.UseSetting("Influx:CreateDatabases", "false");
        // Nothing listens there: each start-up read (three warm-ups) would otherwise retry for
        // 1.5 s before going on without InfluxDB, 5 s of every test app's start.
        if (settings?.ContainsKey("Influx:Url") != true)
            builder.UseSetting("Influx:ReadRetries", "0");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}

/// <summary>One <see cref="TestApp"/> with the two seed sites for a whole test class; subclass
/// it to add settings.</summary>
public class SharedApp : IAsyncLifetime
{
    public TempFolder Folder { get; } = new();

    public TestApp App { get; private set; } = null!;

    protected virtual (string Key, string? Value)[] Settings => [];

    public Task InitializeAsync()
    {
        App = TestApp.WithSites(Folder.Path, Settings);
        _ = App.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Folder.Dispose();
    }
}
