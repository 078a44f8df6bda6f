using CxMonitor.Core.Metrics;
using CxMonitor.Testing;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Metrics.Recent;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CxMonitor.Web.Tests.Metrics;

/// <summary>The in-memory short windows must give exactly what InfluxDB gives: the same data read
/// with memory on, with memory off, and by a restarted app that warmed memory from InfluxDB.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class ShortWindowsInMemory(InfluxdFixture influxd) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private string _db = "";
    private string _state = "";

    public async Task InitializeAsync()
    {
        _db = await influxd.CreateDatabaseAsync(nameof(ShortWindowsInMemory));
        _state = Directory.CreateTempSubdirectory("cx-recent-").FullName;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_state, recursive: true);
        return Task.CompletedTask;
    }

    private IngestApp App(bool inMemory) => new(influxd.Url, _db, _state, clock: _clock,
        extra: new Dictionary<string, string?> { ["Metrics:ShortWindowsInMemory"] = inMemory ? "true" : "false" });

    [Fact]
    public async Task Memory_warm_memory_and_influxdb_alone_give_the_same_figures_and_edits_count_once()
    {
        var now = _clock.GetUtcNow();
        Dictionary<(SatisfactionScope, SatisfactionWindow), SatisfactionSnapshot> live, fromInflux, afterRestart;
        await using (var app = App(inMemory: true))
        {
            var client = await app.ClientWithKeyAsync();
            var ratings = Enumerable.Range(0, 60).Select(i =>
                $$"""{"id":"r{{i}}","scale":"{{(i % 3 == 0 ? "nps11" : "csat5")}}","score":{{(i % 3 == 0 ? i % 11 : (i % 5) + 1)}},"site":"{{(i % 2 == 0 ? "north" : "south")}}","touchpoint":"tp{{i % 3}}","time":"{{now.AddMinutes(-i * 20 - 1):O}}"}""");
            await client.PostAsync("/api/v1/ratings", IngestApp.Json("[" + string.Join(',', ratings) + "]"));
            // A review, then an edit of it: one review with the edit's figures.
            await client.PostAsync("/api/v1/reviews", IngestApp.Json($$"""{"platform":"maps","externalId":"e1","time":"{{now.AddMinutes(-30):O}}","stars":1,"site":"north"}"""));
            await client.PostAsync("/api/v1/reviews", IngestApp.Json($$"""{"platform":"maps","externalId":"e1","time":"{{now.AddMinutes(-30):O}}","stars":4,"site":"north"}"""));
            await app.WaitForCountAsync("rating", 60, TimeSpan.FromSeconds(10));
            Assert.True(app.Services.GetRequiredService<RecentTotals>().IsWarm);
            live = await ComputeAsync(app);
            var memory = app.Services.GetRequiredService<RecentTotals>().Read(now.AddHours(-1), now, null).ByScope()[SatisfactionScope.Site("north")];
            Assert.Equal((1, 1, 4.0), (memory.Reviews, memory.StarredReviews, memory.StarsSum));
        }
        await using (var app = App(inMemory: false))
        {
            Assert.False(app.Services.GetRequiredService<RecentTotals>().IsWarm);
            fromInflux = await ComputeAsync(app);
        }
        await using (var app = App(inMemory: true))
            afterRestart = await ComputeAsync(app);

        Assert.Equal(fromInflux.Keys.Select(k => k.ToString()).Order(), live.Keys.Select(k => k.ToString()).Order());
        foreach (var (key, expected) in fromInflux)
        {
            Assert.Equal(expected with { Baseline = null }, live[key] with { Baseline = null });
            Assert.Equal(expected with { Baseline = null }, afterRestart[key] with { Baseline = null });
        }
        Assert.Equal(1, live[(SatisfactionScope.Site("north"), SatisfactionWindow.Hour1)].Reviews);
    }

    [Fact]
    public async Task A_late_rating_lands_in_its_own_minute_and_old_minutes_are_evicted()
    {
        await using var app = App(inMemory: true);
        var client = await app.ClientWithKeyAsync();
        var now = _clock.GetUtcNow();
        await client.PostAsync("/api/v1/ratings", IngestApp.Json($$"""{"id":"late","scale":"csat5","score":5,"site":"north","time":"{{now.AddHours(-3):O}}"}"""));
        var recent = app.Services.GetRequiredService<RecentTotals>();

        Assert.Equal(0, recent.Read(now.AddHours(-1), now, null).ByScope().GetValueOrDefault(SatisfactionScope.All)?.Ratings ?? 0);
        Assert.Equal(1, recent.Read(now.AddHours(-24), now, null).ByScope()[SatisfactionScope.All].Ratings);
        Assert.Equal(2, recent.Buckets); // one minute and one hour

        _clock.Advance(TimeSpan.FromHours(60));
        await client.PostAsync("/api/v1/ratings", IngestApp.Json("""{"id":"later","scale":"csat5","score":5,"site":"north"}"""));

        Assert.Equal(2, recent.Buckets); // the old ones are gone, the new ones are in
    }

    private async Task<Dictionary<(SatisfactionScope, SatisfactionWindow), SatisfactionSnapshot>> ComputeAsync(IngestApp app)
    {
        // Without memory, long windows read finished hours from rollups: make them as the rollup job would.
        await app.Services.GetRequiredService<Rollups>().RollUpAsync(_clock.GetUtcNow().AddDays(-2), _clock.GetUtcNow(), default);
        app.Services.GetRequiredService<BaselineCache>().Invalidate();
        var run = await app.Services.GetRequiredService<RollingSatisfaction>().ComputeAsync(default);
        return run.Snapshots.ToDictionary(s => (s.Scope, s.Window), s => s.Snapshot);
    }
}
