using System.Net;
using System.Text.Json;
using CxMonitor.Influx.Setup;
using CxMonitor.Testing;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>"database not found" is not the lines' fault: they wait in the spool until the
/// databases exist. Each test runs its own influxd, because it stops it or drops its database.</summary>
public sealed class DatabasesCreatedLate : IAsyncLifetime
{
    private InfluxdServer _influxd = null!;

    public async Task InitializeAsync() => _influxd = await InfluxdServer.StartAsync();

    public async Task DisposeAsync() => await _influxd.DisposeAsync();

    [Fact]
    public async Task An_app_started_before_influxdb_creates_the_databases_once_it_is_up_and_delivers_everything()
    {
        await _influxd.StopAsync(kill: true);
        await using var app = new IngestApp(_influxd.Url, "late");
        var client = await app.ClientWithKeyAsync();
        var ready = await ReadyAsync(client);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.False(ready.Body.GetProperty("influx").GetProperty("databases").GetBoolean());

        await PostAsync(client, "late", 300);
        await _influxd.RestartAsync();

        Assert.Equal(HttpStatusCode.OK, await WaitForReadyAsync(client, TimeSpan.FromSeconds(60)));
        Assert.Equal(300, await app.WaitForCountAsync("rating", 300, TimeSpan.FromSeconds(60)));
        Assert.Empty(Rejected(app));
    }

    [Fact]
    public async Task A_database_dropped_under_a_running_app_is_created_again_and_nothing_is_rejected()
    {
        await using var app = new IngestApp(_influxd.Url, "dropped");
        var client = await app.ClientWithKeyAsync();
        Assert.Equal(HttpStatusCode.OK, await WaitForReadyAsync(client, TimeSpan.FromSeconds(60)));
        await PostAsync(client, "before", 100);
        Assert.Equal(100, await app.WaitForCountAsync("rating", 100, TimeSpan.FromSeconds(60)));

        using (var influx = _influxd.CreateClient())
            await new InfluxV1Setup(influx).DropDatabaseAsync("dropped");
        await PostAsync(client, "after", 200);

        Assert.Equal(200, await app.WaitForCountAsync("rating", 200, TimeSpan.FromSeconds(60)));
        Assert.Equal(HttpStatusCode.OK, await WaitForReadyAsync(client, TimeSpan.FromSeconds(60)));
        Assert.Empty(Rejected(app));
    }

    private static async Task PostAsync(HttpClient client, string prefix, int count)
    {
        for (var batch = 0; batch < count / 100; batch++)
        {
            var items = string.Join(',', Enumerable.Range(0, 100).Select(i =>
                $$"""{"id":"{{prefix}}-{{batch}}-{{i}}","scale":"csat5","score":{{1 + (i % 5)}},"site":"north"}"""));
            var response = await client.PostAsync("/api/v1/ratings", IngestApp.Json($"[{items}]"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal(100, (await response.JsonAsync()).GetProperty("accepted").GetInt32());
        }
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health/ready");
        return (response.StatusCode, await response.JsonAsync());
    }

    private static async Task<HttpStatusCode> WaitForReadyAsync(HttpClient client, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var status = HttpStatusCode.ServiceUnavailable;
        while (DateTime.UtcNow < deadline && (status = (await ReadyAsync(client)).Status) != HttpStatusCode.OK)
            await Task.Delay(100);
        return status;
    }

    private static string[] Rejected(IngestApp app)
    {
        var folder = Path.Combine(app.StateDirectory, "spool", "rejected");
        return Directory.Exists(folder) ? Directory.GetFiles(folder) : [];
    }
}
