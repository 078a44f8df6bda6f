using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Live;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CxMonitor.Web.Tests.Metrics;

/// <summary>Issue 13 items 2–6 end to end: every figure carries its own n, NPS its own interval,
/// change and star, a thin baseline gives no change, stars follow the settings, and each metric
/// has its own colour bounds per board.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class FiguresWithTheirOwnN(InfluxdFixture influxd) : IAsyncLifetime
{
    // Monday 2026-11-23 12:00 UTC; the 1h window is 11:00–12:00.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private string _db = "";

    public async Task InitializeAsync() => _db = await influxd.CreateDatabaseAsync(nameof(FiguresWithTheirOwnN));

    public Task DisposeAsync() => Task.CompletedTask;

    private IngestApp App(params (string Key, string Value)[] settings) =>
        new(influxd.Url, _db, clock: _clock, extra: settings.ToDictionary(s => s.Key, s => (string?)s.Value));

    private static string Rating(string id, string scale, int score, DateTimeOffset time, string site = "north") =>
        $$"""{"id":"{{id}}","scale":"{{scale}}","score":{{score}},"site":"{{site}}","time":"{{time:O}}"}""";

    private async Task<LiveSnapshot> PublishedAsync(IngestApp app, string scope, string window)
    {
        app.Services.GetRequiredService<BaselineCache>().Invalidate();
        var run = await app.Services.GetRequiredService<RollingSatisfaction>().ComputeAsync(default);
        await app.Services.GetRequiredService<SnapshotPublisher>().PublishAsync(run, default);
        return app.Services.GetRequiredService<SnapshotStore>().Get(scope, window)!;
    }

    private async Task PostAsync(IngestApp app, IEnumerable<string> ratings)
    {
        var list = ratings.ToList();
        var client = await app.ClientWithKeyAsync();
        await client.PostAsync("/api/v1/ratings", IngestApp.Json("[" + string.Join(',', list) + "]"));
        await app.WaitForCountAsync("rating", list.Count, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Each_figure_carries_its_own_n_and_nps_its_adjusted_interval()
    {
        await using var app = App();
        var at = _clock.GetUtcNow().AddMinutes(-5);
        // 12 csat5 (9 satisfied), 10 nps11 (all promoters), 5 ces7: volume 27.
        await PostAsync(app, Enumerable.Range(0, 12).Select(i => Rating($"c{i}", "csat5", i < 9 ? 5 : 2, at))
            .Concat(Enumerable.Range(0, 10).Select(i => Rating($"n{i}", "nps11", 10, at)))
            .Concat(Enumerable.Range(0, 5).Select(i => Rating($"e{i}", "ces7", 6, at))));

        var s = await PublishedAsync(app, "site:north", "15m");

        Assert.Equal((27L, 12L, 10L), (s.N, s.CsatN, s.NpsN));
        Assert.Equal((100.0, 47.5, 100.0), (s.Nps!.Value, s.NpsLow!.Value, s.NpsHigh!.Value));
        var json = await (await app.ClientWithKeyAsync()).GetStringAsync("/api/v1/snapshots?scope=site:north&window=15m");
        Assert.Contains("\"csatN\":12", json);
        Assert.Contains("\"npsN\":10", json);
    }

    [Fact]
    public async Task A_change_against_a_thin_baseline_is_not_given_until_the_minimum_is_lowered()
    {
        var now = _clock.GetUtcNow();
        // A week ago, same hour: 20 ratings, all satisfied. Now: 30, half satisfied.
        var ratings = Enumerable.Range(0, 20).Select(i => Rating($"b{i}", "csat5", 5, now.AddDays(-7).AddMinutes(-30)))
            .Concat(Enumerable.Range(0, 30).Select(i => Rating($"t{i}", "csat5", i < 15 ? 5 : 1, now.AddMinutes(-20)))).ToList();
        LiveSnapshot gated, open, unstarred;
        await using (var app = App())
        {
            await PostAsync(app, ratings);
            gated = await PublishedAsync(app, "site:north", "1h");
        }
        await using (var app = App(("Metrics:MinimumBaselineN", "10")))
            open = await PublishedAsync(app, "site:north", "1h");
        await using (var app = App(("Metrics:MinimumBaselineN", "10"), ("Metrics:MinimumCsatEffect", "60")))
            unstarred = await PublishedAsync(app, "site:north", "1h");

        Assert.Equal((20L, 100.0, (double?)null, false), (gated.BaselineCsatN, gated.BaselineCsat!.Value, gated.CsatChange, gated.SignificantChange));
        Assert.Equal((-50.0, true), (open.CsatChange!.Value, open.SignificantChange));
        // Significant, but smaller than the minimum effect asked for: no star.
        Assert.Equal((-50.0, false), (unstarred.CsatChange!.Value, unstarred.SignificantChange));
    }

    [Fact]
    public async Task Each_metric_has_its_own_colour_bounds_configurable_per_board()
    {
        await using var app = App(("Walls:Boards:tv:Title", "TV"), ("Walls:Boards:tv:Tiles:0:Scope", "all"), ("Walls:Boards:tv:Tiles:0:Metric", "nps"),
            ("Walls:Boards:tv:Thresholds:nps:Good", "40"), ("Walls:Boards:tv:Thresholds:nps:Warn", "10"));
        var client = await app.ClientWithKeyAsync();

        var tv = (await client.GetFromJsonAsync<JsonElement>("/api/v1/walls/tv")).GetProperty("thresholds");
        var main = (await client.GetFromJsonAsync<JsonElement>("/api/v1/walls/main")).GetProperty("thresholds");

        Assert.Equal((40.0, 10.0), (tv.GetProperty("nps").GetProperty("good").GetDouble(), tv.GetProperty("nps").GetProperty("warn").GetDouble()));
        Assert.Equal(80.0, tv.GetProperty("csat").GetProperty("good").GetDouble());
        Assert.Equal((30.0, 0.0), (main.GetProperty("nps").GetProperty("good").GetDouble(), main.GetProperty("nps").GetProperty("warn").GetDouble()));
    }
}
