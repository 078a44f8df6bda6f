using CxMonitor.Testing;
using System.Net;
using System.Text.Json;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>The app as its own process with two catalog sites, its own state folder and an API key
/// made by the CLI beside it, for tests whose faults must not touch the test runner.</summary>
public sealed class IngestProcess : IAsyncDisposable
{
    private IngestProcess(AppProcess app, string state, HttpClient client)
    {
        App = app;
        StateDirectory = state;
        Client = client;
    }

    public AppProcess App { get; }

    public string StateDirectory { get; }

    public string SpoolDirectory => Path.Combine(StateDirectory, "spool");

    /// <summary>Sends the key; a request the app never answers fails after 30 s instead of hanging the run.</summary>
    public HttpClient Client { get; }

    public static async Task<IngestProcess> StartAsync(Uri influxUrl, string database, IDictionary<string, string>? extra = null)
    {
        var state = Path.Combine(Path.GetTempPath(), "cxproc-" + Guid.NewGuid().ToString("N")[..10]);
        var settings = new Dictionary<string, string>
        {
            ["State:Directory"] = state,
            ["Influx:Url"] = influxUrl.ToString(),
            ["Influx:Database"] = database,
            ["Influx:RollupDatabase"] = database + "_rollups",
            ["Ingest:Spool:MaxRetryDelay"] = "00:00:00.200",
            ["Sites:0:Id"] = "north",
            ["Sites:0:Name"] = "North Store",
            ["Sites:0:TimeZone"] = "Europe/Berlin",
            ["Sites:0:OpeningHours:Mon"] = "08:00-20:00",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
            settings[k] = v;
        var app = AppProcess.Launch(settings);
        await app.WaitUntilLiveAsync(TimeSpan.FromSeconds(90));
        var key = await CxmonitorProcess.RunAsync(["keys", "create", "--source", "terminal", "--sites", "*", .. settings.Select(s => $"--{s.Key}={s.Value}")]);
        Assert.True(key.ExitCode == 0, key.Stderr);
        var client = new HttpClient { BaseAddress = app.Url, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key.Lines[0]);
        return new IngestProcess(app, state, client);
    }

    public Task<HttpResponseMessage> PostRatingsAsync(string prefix, int count) =>
        Client.PostAsync("/api/v1/ratings", IngestApp.Json("[" + string.Join(',', Enumerable.Range(0, count).Select(i =>
            $$"""{"id":"{{prefix}}-{{i}}","scale":"csat5","score":{{1 + (i % 5)}},"site":"north","comment":"{{new string('x', 60)}}"}""")) + "]"));

    public async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync()
    {
        var response = await Client.GetAsync("/health/ready");
        return (response.StatusCode, await response.JsonAsync());
    }

    /// <summary>Polls readiness until it matches; the last answer either way (an app that died answers nothing).</summary>
    public async Task<(HttpStatusCode? Status, JsonElement Body)> WaitForReadyAsync(Func<HttpStatusCode, JsonElement, bool> wanted, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        (HttpStatusCode? Status, JsonElement Body) last = (null, default);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var (status, body) = await ReadyAsync();
                last = (status, body);
                if (wanted(status, body))
                    return last;
            }
            catch (HttpRequestException)
            {
                last = (null, default);
            }
            await Task.Delay(100);
        }
        return last;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(StateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The killed app's files may still be closing; the temp folder is cleaned eventually.
        }
    }
}
