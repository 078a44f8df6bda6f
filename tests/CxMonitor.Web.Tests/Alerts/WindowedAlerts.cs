using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Alerts;

[Collection(InfluxdCollection.Name)]
public sealed class WindowedAlerts(InfluxdFixture influxd) : IAsyncLifetime
{
    private const string Rules = """
        rules:
          - name: csat-low
            kind: threshold
            severity: warning
            metric: csat
            window: 15m
            group_by: site
            below: 50
            resolve_above: 60
            min_samples: 10
            route: duty
            summary: "CSAT at {{site}} is {{value}} % (n={{n}})"
        """;

    private readonly string _rules = AlertsApp.RuleFolder(Rules);
    private IngestApp _app = null!;

    public async Task InitializeAsync() =>
        _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(WindowedAlerts)), extra: AlertsApp.Settings(_rules));

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_rules, recursive: true);
    }

    [Fact]
    public async Task A_threshold_rule_fires_after_the_snapshot_run_that_crosses_it_and_resolves_past_its_resolve_bound()
    {
        var client = await _app.ClientWithKeyAsync();
        var unhappy = string.Join(',', Enumerable.Range(0, 12).Select(i => $$"""{"id":"u{{i}}","scale":"csat5","score":{{(i < 4 ? 5 : 1)}},"site":"north"}"""));
        await client.PostAsync("/api/v1/ratings", IngestApp.Json($"[{unhappy}]"));
        await RunJobAsync();

        var open = await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts?state=open");
        var alert = Assert.Single(open.EnumerateArray());
        Assert.Equal("CSAT at North Store is 33.3 % (n=12)", alert.GetProperty("summary").GetString());

        var happy = string.Join(',', Enumerable.Range(0, 20).Select(i => $$"""{"id":"h{{i}}","scale":"csat5","score":5,"site":"north"}"""));
        await client.PostAsync("/api/v1/ratings", IngestApp.Json($"[{happy}]"));
        await RunJobAsync();

        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts?state=open")).GetArrayLength());
        var resolved = (await client.GetFromJsonAsync<JsonElement>("/api/v1/alerts?state=resolved"))[0];
        Assert.Equal(alert.GetProperty("id").GetInt64(), resolved.GetProperty("id").GetInt64());
    }

    private async Task RunJobAsync()
    {
        var run = await _app.Services.GetRequiredService<RollingSatisfaction>().ComputeAsync(default);
        await _app.Services.GetRequiredService<SnapshotPublisher>().PublishAsync(run, default);
    }
}
