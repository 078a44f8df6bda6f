using System.Net.Http.Json;
using System.Text;
using CxMonitor.Influx;
using CxMonitor.Influx.Query;
using CxMonitor.Web.Access;
using CxMonitor.Web.Ingest.Spool;
using CxMonitor.Web.Jobs;
using CxMonitor.Web.Metrics;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>The real app on a test server, with its own state folder and InfluxDB database, two
/// catalog sites and an API key per test; restartable on the same state to test durability.</summary>
public sealed class IngestApp : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsState;
    private WebApplicationFactory<Program>? _factory;

    private readonly TimeProvider? _clock;
    private readonly int? _port;

    public IngestApp(Uri influxUrl, string database, string? stateDirectory = null, IDictionary<string, string?>? extra = null, TimeProvider? clock = null, int? port = null)
    {
        _clock = clock;
        _port = port;
        InfluxUrl = influxUrl;
        Database = database;
        _ownsState = stateDirectory is null;
        StateDirectory = stateDirectory ?? Path.Combine(Path.GetTempPath(), "cxapp-" + Guid.NewGuid().ToString("N")[..10]);
        _settings = new Dictionary<string, string?>
        {
            ["Influx:Url"] = influxUrl.ToString(),
            ["Influx:Database"] = database,
            ["Influx:RollupDatabase"] = database + "_rollups",
            ["State:Directory"] = StateDirectory,
            ["Ingest:Spool:MaxRetryDelay"] = "00:00:00.200",
            ["Access:KeyCacheTtl"] = "00:00:00",
            ["Sites:0:Id"] = "north",
            ["Sites:0:Name"] = "North Store",
            ["Sites:0:TimeZone"] = "Europe/Berlin",
            ["Sites:0:OpeningHours:Mon"] = "08:00-20:00",
            ["Sites:1:Id"] = "south",
            ["Sites:1:Name"] = "South Store",
            ["Sites:1:TimeZone"] = "America/New_York",
            ["Sites:1:OpeningHours:Mon"] = "00:00-24:00",
        };
        foreach (var (k, v) in CxMonitor.Testing.AppStateUnderTest.Settings(StateDirectory))
            _settings[k] = v;
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
            _settings[k] = v;
    }

    public Uri InfluxUrl { get; }

    public string Database { get; }

    public string StateDirectory { get; }

    public IServiceProvider Services => Factory.Services;

    public WebApplicationFactory<Program> Factory => _factory ??= Start();

    /// <summary>With a port: the app listens there on real Kestrel (for SignalR clients).</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{_port}/");

    /// <summary>The last key made by <see cref="ClientWithKeyAsync"/>.</summary>
    public string? LastKey { get; private set; }

    public async Task<HttpClient> ClientWithKeyAsync(params string[] sites)
    {
        var store = Services.GetRequiredService<ApiKeyStore>();
        var (_, key) = await store.CreateAsync("test-terminal", sites.Length == 0 ? ["*"] : sites);
        LastKey = key;
        var client = _port is null ? Factory.CreateClient() : new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Stops the app as a deployment would (graceful), keeping its state folder.</summary>
    public async Task StopAsync()
    {
        if (_factory is not null)
            await _factory.DisposeAsync();
        _factory = null;
    }

    /// <summary>Waits until the spool has delivered everything: the rollup job takes an hour only
    /// once the spool has passed its items.</summary>
    public async Task WaitForSpoolDeliveredAsync(double withinSeconds = 60)
    {
        var spool = Services.GetRequiredService<WriteAheadSpool>();
        var deadline = DateTime.UtcNow.AddSeconds(withinSeconds);
        while (spool.BacklogLines > 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{spool.BacklogLines} lines still in the spool after {withinSeconds} s");
            await Task.Delay(50);
        }
    }

    /// <summary>Runs the rollup job once, now by the app's clock, as its scheduler would.</summary>
    public async Task RunRollupAsync()
    {
        using var scope = Services.CreateScope();
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await scope.ServiceProvider.GetRequiredService<RollupJob>().RunAsync(new JobRunContext(RollupJob.Name, now, now), default);
    }

    /// <summary>Waits until a query's first value reaches the expected count.</summary>
    public async Task<long> WaitForCountAsync(string measurement, long expected, TimeSpan timeout, string field = "score")
    {
        using var client = new InfluxDBClient(new InfluxDBClientOptions { Url = InfluxUrl });
        var query = InfluxQL.Format($"SELECT count({InfluxQL.Id(field)}) AS n FROM {InfluxQL.Id(measurement)}");
        var deadline = DateTime.UtcNow + timeout;
        long n = 0;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var series = await client.GetQueryApi().QuerySeriesAsync(query, Database);
                n = series.Count == 0 ? 0 : series[0].GetLong(0, "n") ?? 0;
                if (n >= expected)
                    return n;
            }
            catch (InfluxException)
            {
                // influxd may be down on purpose in the test; keep waiting.
            }
            await Task.Delay(100);
        }
        return n;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (!_ownsState)
            return;
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private WebApplicationFactory<Program> Start()
    {
        var configured = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (k, v) in _settings)
                b.UseSetting(k, v);
            if (_clock is not null)
                b.ConfigureServices(s => s.AddSingleton(_clock));
        });
        if (_port is { } port)
        {
            configured.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
            configured.StartServer();
        }
        return configured;
    }
}

internal static class ResponseExtensions
{
    public static async Task<System.Text.Json.JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
}
