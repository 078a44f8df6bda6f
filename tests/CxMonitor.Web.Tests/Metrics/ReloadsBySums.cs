using CxMonitor.Core.Metrics;
using CxMonitor.Testing;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Metrics.Recent;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Metrics;

/// <summary>A busy periodic reload (the reconciliation's 15 minutes) reads each cell's per-minute
/// sums from InfluxDB instead of its points: for every minute and cell they must count what the
/// points count, for every scale, at minute edges and with a time zone that is not whole hours.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class ReloadsBySums(InfluxdFixture influxd)
{
    private static readonly (string Scale, int Max, int Min)[] Scales =
        [("csat5", 5, 1), ("nps11", 10, 0), ("ces7", 7, 1), ("smiley4", 4, 1), ("stars5", 5, 1), ("thumbs2", 1, 0)];

    [Fact]
    public async Task Per_minute_sums_count_what_the_points_count_in_every_minute_and_cell()
    {
        var db = await influxd.CreateDatabaseAsync(nameof(ReloadsBySums));
        await using var app = new IngestApp(influxd.Url, db);
        var client = await app.ClientWithKeyAsync();
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(-40);
        var ratings = Enumerable.Range(0, 720).Select(i =>
        {
            var (scale, max, min) = Scales[i % Scales.Length];
            // Some on a minute's first and last millisecond, stamped with a +05:30 offset.
            var time = (start + TimeSpan.FromMinutes(i % 30) + (i % 5) switch
            {
                0 => TimeSpan.Zero,
                1 => TimeSpan.FromMilliseconds(59_999),
                _ => TimeSpan.FromMilliseconds(i * 37 % 60_000),
            }).ToOffset(TimeSpan.FromMinutes(330));
            return $$"""{"id":"s{{i}}","scale":"{{scale}}","score":{{min + (i % (max - min + 1))}},"site":"{{(i % 3 == 0 ? "north" : "south")}}","channel":"{{(i % 2 == 0 ? "web" : "in-store")}}","touchpoint":"tp{{i % 4}}","time":"{{time:O}}"}""";
        }).ToList();
        foreach (var chunk in ratings.Chunk(120))
        {
            var answer = await client.PostAsync("/api/v1/ratings", IngestApp.Json("[" + string.Join(',', chunk) + "]"));
            Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());
        }
        await app.WaitForCountAsync("rating", ratings.Count, TimeSpan.FromSeconds(30));

        var loader = app.Services.GetRequiredService<RecentTotalsLoader>();
        var (from, to) = (start, start.AddMinutes(30));
        var points = ByMinuteAndCell(await loader.RatingsAsync(from, to, default));
        var sums = ByMinuteAndCell(await loader.RatingMinutesAsync(from, to, default));

        Assert.Equal(ratings.Count, points.Values.Sum(t => t.Ratings));
        Assert.Equal(points.Count, sums.Count);
        Assert.All(points, p => Assert.Equal(MemoryComparison.Round(p.Value), MemoryComparison.Round(sums.GetValueOrDefault(p.Key, SatisfactionTotals.Empty))));
        Assert.Contains(points.Values, t => t.CesRatings > 0);
        Assert.Contains(points.Values, t => t.NpsRatings > 0 && t.Detractors > 0);

        // Through LoadAsync: 15 minutes as one item per minute and cell, not a point each.
        var (items, _) = await loader.LoadAsync(from, from.AddMinutes(15), bySums: true, default);
        Assert.Equal(points.Keys.Count(k => k.Minute < from.AddMinutes(15)), items.Count);
    }

    [Theory]
    [InlineData(15, 1_000, 100, false)]      // a quiet span: points are cheaper
    [InlineData(15, 119_999, 1_000, false)]
    [InlineData(15, 120_000, 1_000, true)]   // 8 ratings per minute and cell
    [InlineData(15, 900_000, 1_000, true)]   // 1,000 ratings/s
    [InlineData(61, 9_000_000, 1, false)]    // a full reload never sums
    [InlineData(15, 5_000, 0, false)]
    public void A_span_is_read_as_sums_only_when_it_holds_enough_ratings_per_minute_and_cell(int minutes, long ratings, int cells, bool bySums)
    {
        var from = new DateTimeOffset(2026, 3, 29, 0, 45, 0, TimeSpan.Zero); // Europe's DST change is a UTC span like any other
        Assert.Equal(bySums, RecentTotalsLoader.ReadsBySums(from, from.AddMinutes(minutes), ratings, cells));
    }

    private static Dictionary<(DateTimeOffset Minute, SatisfactionCell Cell), SatisfactionTotals> ByMinuteAndCell(
        IEnumerable<(DateTimeOffset Time, SatisfactionCell Cell, SatisfactionTotals Totals)> items) =>
        items.GroupBy(i => (new DateTimeOffset(i.Time.UtcTicks - i.Time.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero), i.Cell))
            .ToDictionary(g => g.Key, g => g.Aggregate(SatisfactionTotals.Empty, (sum, i) => sum + i.Totals));
}
