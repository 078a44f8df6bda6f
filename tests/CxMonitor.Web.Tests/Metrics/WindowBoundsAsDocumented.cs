using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Core.Metrics;
using CxMonitor.Testing;
using CxMonitor.Web.Live;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CxMonitor.Web.Tests.Metrics;

/// <summary>Issue 13 item 8: the 15m window is what the README says (starting on the minute, the
/// same from memory and from InfluxDB), and GET /api/v1/snapshots without a scope gives every scope.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class WindowBoundsAsDocumented(InfluxdFixture influxd) : IAsyncLifetime
{
    // 12:00:40: the 15m window starts at 11:45:00.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 40, TimeSpan.Zero));
    private string _db = "";

    public async Task InitializeAsync() => _db = await influxd.CreateDatabaseAsync(nameof(WindowBoundsAsDocumented));

    public Task DisposeAsync() => Task.CompletedTask;

    private IngestApp App(bool memory) => new(influxd.Url, _db, clock: _clock,
        extra: new Dictionary<string, string?> { ["Metrics:ShortWindowsInMemory"] = memory ? "true" : "false" });

    [Fact]
    public async Task The_15m_window_starts_on_the_minute_from_memory_and_from_influxdb_alike()
    {
        var now = _clock.GetUtcNow();
        // 15:50 ago is 11:44:50 (before the window); 15:30 ago is 11:45:10 (in it); 14:59 ago is in it.
        TimeSpan[] ago = [TimeSpan.FromSeconds(950), TimeSpan.FromSeconds(930), TimeSpan.FromSeconds(899)];
        long fromMemory, fromInflux;
        await using (var app = App(memory: true))
        {
            var client = await app.ClientWithKeyAsync();
            var ratings = ago.Select((a, i) => $$"""{"id":"w{{i}}","scale":"csat5","score":5,"site":"north","time":"{{(now - a):O}}"}""");
            await client.PostAsync("/api/v1/ratings", IngestApp.Json("[" + string.Join(',', ratings) + "]"));
            await app.WaitForCountAsync("rating", 3, TimeSpan.FromSeconds(10));
            fromMemory = await FifteenMinutesAsync(app);
        }
        await using (var app = App(memory: false))
            fromInflux = await FifteenMinutesAsync(app);

        Assert.Equal((2L, 2L), (fromMemory, fromInflux));
    }

    [Fact]
    public async Task Snapshots_without_a_scope_are_every_scope()
    {
        await using var app = App(memory: true);
        var client = await app.ClientWithKeyAsync();
        await client.PostAsync("/api/v1/ratings", IngestApp.Json($$"""[{"id":"a1","scale":"csat5","score":5,"site":"north","touchpoint":"arrival","time":"{{_clock.GetUtcNow().AddMinutes(-1):O}}"}]"""));
        await app.WaitForCountAsync("rating", 1, TimeSpan.FromSeconds(10));
        var run = await app.Services.GetRequiredService<RollingSatisfaction>().ComputeAsync(default);
        await app.Services.GetRequiredService<SnapshotPublisher>().PublishAsync(run, default);

        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/snapshots?window=15m");

        var scopes = body.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("scope").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "all", "site:north", "touchpoint:arrival", "site-touchpoint:north/arrival" }, scopes);
    }

    private static async Task<long> FifteenMinutesAsync(IngestApp app)
    {
        var run = await app.Services.GetRequiredService<RollingSatisfaction>().ComputeAsync(default);
        return run.Snapshots.Single(s => s.Scope == SatisfactionScope.Site("north") && s.Window == SatisfactionWindow.Live15m).Snapshot.N;
    }
}
