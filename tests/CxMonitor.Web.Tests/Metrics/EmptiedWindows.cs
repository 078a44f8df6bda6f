using CxMonitor.Core.Metrics;
using CxMonitor.Testing;
using CxMonitor.Web.Live;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CxMonitor.Web.Tests.Metrics;

/// <summary>Issue 13 item 1: a scope whose window has emptied shows no data, and a figure older
/// than its window never passes for live.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class EmptiedWindows(InfluxdFixture influxd) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero));
    private IngestApp? _app;

    public async Task InitializeAsync() =>
        _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(EmptiedWindows)), clock: _clock);

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }

    private async Task<RollingRun> RunAndPublishAsync()
    {
        var run = await _app!.Services.GetRequiredService<RollingSatisfaction>().ComputeAsync(default);
        await _app.Services.GetRequiredService<SnapshotPublisher>().PublishAsync(run, default);
        return run;
    }

    [Fact]
    public async Task A_scope_whose_window_emptied_is_recomputed_as_no_data()
    {
        var at = _clock.GetUtcNow().AddMinutes(-2);
        var client = await _app!.ClientWithKeyAsync();
        var ratings = Enumerable.Range(0, 12).Select(i =>
            $$"""{"id":"b{{i}}","scale":"csat5","score":{{(i == 0 ? 1 : 5)}},"site":"north","touchpoint":"arrival","time":"{{at:O}}"}""");
        await client.PostAsync("/api/v1/ratings", IngestApp.Json("[" + string.Join(',', ratings) + "]"));
        await _app.WaitForCountAsync("rating", 12, TimeSpan.FromSeconds(10));
        var store = _app.Services.GetRequiredService<SnapshotStore>();

        await RunAndPublishAsync();
        Assert.Equal(12, store.Get("site-touchpoint:north/arrival", "15m")!.N);

        // The site closes: nothing more arrives, and 20 minutes later the 15m window is empty.
        _clock.Advance(TimeSpan.FromMinutes(20));
        var run = await RunAndPublishAsync();

        var emptied = run.Snapshots.Single(s => s.Scope == SatisfactionScope.Site("north") && s.Window == SatisfactionWindow.Live15m).Snapshot;
        Assert.Equal((MetricState.NoData, 0L, (double?)null), (emptied.State, emptied.N, emptied.Csat));
        var shown = store.Get("site-touchpoint:north/arrival", "15m")!;
        Assert.Equal(("NoData", 0L, (double?)null, (double?)null), (shown.State, shown.N, shown.Csat, shown.CsatChange));
        // The hour still holds them.
        Assert.Equal(12, store.Get("site:north", "1h")!.N);
    }

    [Fact]
    public async Task A_figure_older_than_its_window_is_not_served_as_live()
    {
        var client = await _app!.ClientWithKeyAsync();
        var ratings = Enumerable.Range(0, 12).Select(i =>
            $$"""{"id":"s{{i}}","scale":"csat5","score":5,"site":"south","time":"{{_clock.GetUtcNow().AddMinutes(-1):O}}"}""");
        await client.PostAsync("/api/v1/ratings", IngestApp.Json("[" + string.Join(',', ratings) + "]"));
        await _app.WaitForCountAsync("rating", 12, TimeSpan.FromSeconds(10));
        await RunAndPublishAsync();
        var store = _app.Services.GetRequiredService<SnapshotStore>();

        // No run since (the job stopped): 16 minutes on, the 15m figure is stale, the 1h one is not.
        _clock.Advance(TimeSpan.FromMinutes(16));

        var live = store.For(["site:south"]);
        var m15 = live.Single(s => s.Window == "15m");
        Assert.Equal((SnapshotStore.StaleState, 0L, (double?)null), (m15.State, m15.N, m15.Csat));
        var h1 = live.Single(s => s.Window == "1h");
        Assert.Equal(("Ok", 12L, (double?)100.0), (h1.State, h1.N, h1.Csat));
        var response = await client.GetStringAsync("/api/v1/snapshots?scope=site:south&window=15m");
        Assert.Contains("\"state\":\"Stale\"", response);
    }
}
