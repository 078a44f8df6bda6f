using CxMonitor.Core.Metrics;
using CxMonitor.Testing;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CxMonitor.Web.Tests.Metrics;

/// <summary>Ratings in through the API, figures out of InfluxDB aggregations, compared with
/// sums done by hand. The app's clock is fake so "now", "today" and baselines are exact.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class RollingSatisfactionFigures(InfluxdFixture influxd) : IAsyncLifetime
{
    private FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private IngestApp? _started;
    private string _db = string.Empty;

    private IngestApp _app => _started ??= new IngestApp(influxd.Url, _db, clock: _clock);

    public async Task InitializeAsync() => _db = await influxd.CreateDatabaseAsync(nameof(RollingSatisfactionFigures));

    public async Task DisposeAsync()
    {
        if (_started is not null)
            await _started.DisposeAsync();
    }

    private async Task<RollingRun> ComputeAsync()
    {
        // Baselines are cached for minutes; the ones the app computed at start predate the data.
        _app.Services.GetRequiredService<BaselineCache>().Invalidate();
        return await _app.Services.GetRequiredService<RollingSatisfaction>().ComputeAsync(default);
    }

    [Fact]
    public async Task Snapshot_figures_equal_a_hand_computation()
    {
        var at = _clock.GetUtcNow().AddMinutes(-5);
        int[] csat = [5, 5, 4, 4, 3, 2, 1, 5, 4, 4, 5, 5];
        int[] nps = [10, 9, 9, 8, 7, 6, 3, 10, 10, 9, 0, 5];
        await PostAsync(csat.Select((s, i) => Rating($"c{i}", "csat5", s, "north", at)).Concat(nps.Select((s, i) => Rating($"n{i}", "nps11", s, "north", at))));

        var run = await ComputeAsync();

        var s = Find(run, SatisfactionScope.Site("north"), SatisfactionWindow.Live15m);
        Assert.Equal(24, s.N);
        Assert.Equal(MetricState.Ok, s.State);
        // CSAT: 9 of 12 csat5 answers are 4 or 5. NPS: 6 promoters, 4 detractors of 12.
        Assert.Equal(75.0, s.Csat!.Value, 6);
        Assert.Equal(46.76947, s.CsatInterval!.Value.Low, 4);
        Assert.Equal(91.10583, s.CsatInterval!.Value.High, 4);
        Assert.Equal(16.66667, s.Nps!.Value, 4);
        Assert.Equal(50.78240, s.NpsMargin!.Value, 4);
        // Norms: csat5 (s-1)*25 sum 875, nps11 s*10 sum 860: 1735 / 24.
        Assert.Equal(72.29167, s.MeanNorm!.Value, 4);
        // Dissatisfied: csat5 1-2 (two) and nps11 0-6 (four).
        Assert.Equal(6, s.Negatives);
        Assert.Equal(s, Find(run, SatisfactionScope.All, SatisfactionWindow.Live15m));
        Assert.Equal(MetricState.NoData, Find(run, SatisfactionScope.Site("south"), SatisfactionWindow.Live15m, allowMissing: true).State);
    }

    [Fact]
    public async Task Fewer_ratings_than_the_minimum_show_as_not_enough_data()
    {
        await PostAsync(Enumerable.Range(0, 4).Select(i => Rating($"f{i}", "csat5", 5, "north", _clock.GetUtcNow().AddMinutes(-1))));
        var run = await ComputeAsync();
        var s = Find(run, SatisfactionScope.Site("north"), SatisfactionWindow.Hour1);
        Assert.Equal(MetricState.NotEnoughData, s.State);
        Assert.Null(s.Csat);
        Assert.Equal(4, s.N);
    }

    [Fact]
    public async Task Today_is_each_sites_own_local_day_across_a_daylight_saving_change()
    {
        // 2026-03-29: Berlin moves to CEST at 01:00 UTC, so its day began at 2026-03-28 23:00 UTC.
        // New York has been on EDT since 8 March: its day began at 04:00 UTC.
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 29, 12, 0, 0, TimeSpan.Zero));
        await PostAsync([
            Rating("b-yesterday", "csat5", 5, "north", new DateTimeOffset(2026, 3, 28, 22, 30, 0, TimeSpan.Zero)),
            Rating("b-today-1", "csat5", 5, "north", new DateTimeOffset(2026, 3, 28, 23, 30, 0, TimeSpan.Zero)),
            Rating("b-today-2", "csat5", 1, "north", new DateTimeOffset(2026, 3, 29, 11, 0, 0, TimeSpan.Zero)),
            Rating("n-yesterday", "csat5", 5, "south", new DateTimeOffset(2026, 3, 29, 3, 30, 0, TimeSpan.Zero)),
            Rating("n-today", "csat5", 5, "south", new DateTimeOffset(2026, 3, 29, 4, 30, 0, TimeSpan.Zero)),
        ]);
        var run = await ComputeAsync();
        Assert.Equal(2, Find(run, SatisfactionScope.Site("north"), SatisfactionWindow.Today).N);
        Assert.Equal(1, Find(run, SatisfactionScope.Site("south"), SatisfactionWindow.Today).N);
        Assert.Equal(3, Find(run, SatisfactionScope.All, SatisfactionWindow.Today).N);
        Assert.Equal(5, Find(run, SatisfactionScope.All, SatisfactionWindow.Day1).N);
    }

    [Fact]
    public async Task A_drop_against_the_same_hours_of_previous_weeks_is_significant()
    {
        // Monday 2026-11-23 12:00 UTC; the 1h window is 11:00-12:00. The four Mondays before:
        // 36 of 40 satisfied each (90 %). Now: 15 of 30 (50 %).
        var now = _clock.GetUtcNow();
        var ratings = new List<string>();
        for (var week = 1; week <= 4; week++)
        {
            var t = now.AddDays(-7 * week).AddMinutes(-30);
            ratings.AddRange(Enumerable.Range(0, 40).Select(i => Rating($"w{week}-{i}", "csat5", i < 36 ? 5 : 1, "north", t)));
        }
        ratings.AddRange(Enumerable.Range(0, 30).Select(i => Rating($"now-{i}", "csat5", i < 15 ? 5 : 1, "north", now.AddMinutes(-20))));
        await PostAsync(ratings);

        var run = await ComputeAsync();

        var b = Find(run, SatisfactionScope.All, SatisfactionWindow.Hour1).Baseline!;
        Assert.Equal(90.0, b.BaselineCsat!.Value, 6);
        Assert.Equal(-40.0, b.CsatChange!.Value, 6);
        Assert.True(b.Significant);
        Assert.True(b.CsatPValue < 0.001, $"p = {b.CsatPValue}");
    }

    private static SatisfactionSnapshot Find(RollingRun run, SatisfactionScope scope, SatisfactionWindow window, bool allowMissing = false)
    {
        var found = run.Snapshots.FirstOrDefault(s => s.Scope == scope && s.Window == window);
        if (found is null && allowMissing)
            return SatisfactionSnapshot.From(SatisfactionTotals.Empty, null);
        Assert.NotNull(found);
        return found.Snapshot;
    }

    private static string Rating(string id, string scale, int score, string site, DateTimeOffset time) =>
        $$"""{"id":"{{id}}","scale":"{{scale}}","score":{{score}},"site":"{{site}}","time":"{{time.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}}"}""";

    private async Task PostAsync(IEnumerable<string> ratings)
    {
        var list = ratings.ToList();
        var client = await _app.ClientWithKeyAsync();
        var response = await client.PostAsync("/api/v1/ratings", IngestApp.Json("[" + string.Join(',', list) + "]"));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(list.Count, await _app.WaitForCountAsync("rating", list.Count, TimeSpan.FromSeconds(10)));
    }
}
