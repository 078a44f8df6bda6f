using System.Net;
using System.Text.Json;
using CxMonitor.Core.Metrics;
using CxMonitor.Testing;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Metrics;

/// <summary>Baselines are cached for ten minutes; late data in the hours they read must not wait
/// that long (a fresh back-fill would otherwise show changes against an empty past).</summary>
[Collection(InfluxdCollection.Name)]
public sealed class BaselinesFollowLateData(InfluxdFixture influxd)
{
    [Fact]
    public async Task A_rollup_of_late_hours_recomputes_the_baselines_at_once()
    {
        await using var app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(BaselinesFollowLateData)),
            extra: new Dictionary<string, string?> { ["Jobs:Rollup:Interval"] = "01:00:00" });
        var baselines = app.Services.GetRequiredService<BaselineCache>();
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(0, Ratings(await baselines.GetAsync(now, default)));

        // Ten days ago lies in the period before the 7-day window: its baseline.
        var tenDaysAgo = now.AddDays(-10);
        var ratings = Enumerable.Range(0, 12).Select(i => new { id = $"late-{i}", scale = "csat5", score = 1 + (i % 5), site = "north", time = tenDaysAgo.AddMinutes(i) });
        var client = await app.ClientWithKeyAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/v1/ratings", IngestApp.Json(JsonSerializer.Serialize(ratings)))).StatusCode);
        Assert.Equal(12, await app.WaitForCountAsync("rating", 12, TimeSpan.FromSeconds(60)));
        // The job takes an hour only once the spool has passed its items.
        await app.WaitForSpoolDeliveredAsync();
        Assert.Equal(0, Ratings(await baselines.GetAsync(now.AddSeconds(1), default)));

        await app.RunRollupAsync();

        Assert.Equal(12, Ratings(await baselines.GetAsync(now.AddSeconds(2), default)));
    }

    private static long Ratings(IReadOnlyDictionary<SatisfactionWindow, Dictionary<SatisfactionScope, SatisfactionTotals>> baselines) =>
        baselines[SatisfactionWindow.Days7].TryGetValue(SatisfactionScope.All, out var totals) ? totals.Ratings : 0;
}
