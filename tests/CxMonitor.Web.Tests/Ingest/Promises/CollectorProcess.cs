using System.Net;
using System.Text;
using System.Text.Json;
using CxMonitor.Influx.Query;
using CxMonitor.Testing;

namespace CxMonitor.Web.Tests.Ingest.Promises;

/// <summary>The collector as its own process on a real influxd, with one catalog site and a key,
/// restartable on the same state folder after a kill -9.</summary>
public sealed class CollectorProcess : IAsyncDisposable
{
    public const string Site = "north";
    private readonly InfluxdFixture _influxd;
    private readonly Dictionary<string, string> _settings;

    private CollectorProcess(InfluxdFixture influxd, string database, string state, Dictionary<string, string> settings)
    {
        _influxd = influxd;
        Database = database;
        StateDirectory = state;
        _settings = settings;
    }

    public AppProcess App { get; private set; } = null!;

    public string Database { get; }

    public string StateDirectory { get; }

    public string Key { get; private set; } = "";

    public static async Task<CollectorProcess> StartAsync(InfluxdFixture influxd, string owner, IDictionary<string, string>? extra = null)
    {
        var database = await influxd.CreateDatabaseAsync(owner);
        var state = Path.Combine(Path.GetTempPath(), "cxproc-" + Guid.NewGuid().ToString("N")[..10]);
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Influx__RollupDatabase"] = database + "_rollups",
            ["Ingest__Spool__MaxRetryDelay"] = "00:00:00.200",
            ["Access__KeyCacheTtl"] = "00:00:00",
            ["Access__Ingest__RequestsPerSecond"] = "100000",
            ["Access__Ingest__Burst"] = "100000",
            ["Sites__0__Id"] = Site,
            ["Sites__0__Name"] = "North Store",
            ["Sites__0__TimeZone"] = "Europe/Berlin",
            ["Sites__0__OpeningHours__Mon"] = "00:00-24:00",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
            settings[k] = v;
        var collector = new CollectorProcess(influxd, database, state, settings);
        await collector.RestartAsync();
        collector.Key = await collector.App.CliAsync("keys", "create", "--source", "floor", "--sites", Site);
        return collector;
    }

    /// <summary>Starts the app (again) on the same state folder.</summary>
    public async Task RestartAsync() =>
        App = await AppProcess.StartAsync(_influxd.Url, Database, _settings, startSeconds: 60, stateDirectory: StateDirectory);

    public HttpClient Client()
    {
        var http = new HttpClient { BaseAddress = App.Url, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return http;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<(int Accepted, int Duplicates, JsonElement Body)> PostAsync(HttpClient http, string json)
    {
        var response = await http.PostAsync("api/v1/ratings", Json(json));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {body}");
        return (body.GetProperty("accepted").GetInt32(), body.GetProperty("duplicates").GetInt32(), body);
    }

    /// <summary>Points in InfluxDB, waiting until the count stops short of <paramref name="expected"/>
    /// no longer (the spool drains in the background) or the time is up.</summary>
    public async Task<long> StoredPointsAsync(long expected, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        long count;
        do
        {
            count = await CountAsync("SELECT count(score) AS n FROM rating");
            if (count >= expected)
                break;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return count;
    }

    public async Task<long> CountAsync(string influxql)
    {
        using var influx = _influxd.CreateClient();
        var rows = await influx.GetQueryApi().QuerySeriesAsync(new InfluxQuery(influxql), Database);
        return rows.Count == 0 ? 0 : rows[0].GetLong(0, "n") ?? 0;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        try
        {
            Directory.Delete(StateDirectory, true);
        }
        catch (IOException)
        {
        }
    }
}
