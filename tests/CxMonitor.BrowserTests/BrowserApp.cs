using System.Net.Http.Json;
using System.Text;
using CxMonitor.Testing;
using CxMonitor.Web.Access;
using CxMonitor.Web.Access.People;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.BrowserTests;

/// <summary>The real app on a real Kestrel port over a real influxd, with its own state folder,
/// two sites and demo-like people; it can be stopped and started again on the same port.</summary>
public sealed class BrowserApp : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";
    private readonly Dictionary<string, string?> _settings;
    private WebApplicationFactory<Program>? _factory;

    public BrowserApp(Uri influx, string database, IDictionary<string, string?>? extra = null)
    {
        Port = FreePort.Next();
        StateDirectory = Directory.CreateTempSubdirectory("cx-browser-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Influx:Url"] = influx.ToString(),
            ["Influx:Database"] = database,
            ["Influx:RollupDatabase"] = database + "_rollups",
            ["State:Directory"] = StateDirectory,
            ["Access:KeyCacheTtl"] = "00:00:00",
            ["Jobs:RollingSatisfaction:Interval"] = "00:00:01",
            ["Sites:0:Id"] = "north", ["Sites:0:Name"] = "North Store", ["Sites:0:TimeZone"] = "Europe/Berlin", ["Sites:0:OpeningHours:Mon"] = "08:00-20:00",
            ["Sites:1:Id"] = "south", ["Sites:1:Name"] = "South Store", ["Sites:1:TimeZone"] = "Europe/Berlin", ["Sites:1:OpeningHours:Mon"] = "08:00-20:00",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
            _settings[k] = v;
    }

    public int Port { get; }

    public string StateDirectory { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public IServiceProvider Services => Start().Services;

    public WebApplicationFactory<Program> Start()
    {
        if (_factory is not null)
            return _factory;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (k, v) in _settings)
                b.UseSetting(k, v);
        });
        factory.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, Port));
        factory.StartServer();
        return _factory = factory;
    }

    public async Task StopAsync()
    {
        if (_factory is not null)
            await _factory.DisposeAsync();
        _factory = null;
    }

    public async Task<string> PersonAsync(string role, string? name = null)
    {
        name ??= role.ToLowerInvariant();
        var users = Services.GetRequiredService<UserStore>();
        if (await users.FindAsync(name) is null)
            await users.CreateAsync(name, [role], Password);
        return name;
    }

    public async Task<HttpClient> TerminalAsync()
    {
        var (_, key) = await Services.GetRequiredService<ApiKeyStore>().CreateAsync("browser-test", ["*"]);
        var client = new HttpClient { BaseAddress = Url };
        client.DefaultRequestHeaders.Add(ApiKeyDefaults.Header, key);
        return client;
    }

    /// <summary>A client signed in as a person (cookie and anti-forgery token), for API steps in a test.</summary>
    public async Task<HttpClient> SignedInAsync(string role, string? name = null)
    {
        name = await PersonAsync(role, name);
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = Url };
        var session = await (await client.PostAsJsonAsync("/api/v1/session", new { userName = name, password = Password })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        client.DefaultRequestHeaders.Add("X-CSRF-Token", session.GetProperty("csrfToken").GetString());
        return client;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
