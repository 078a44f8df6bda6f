using CxMonitor.Core.Metrics;
using CxMonitor.Influx;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Metrics.Recent;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.Metrics;

/// <summary>Compares every cell a node keeps in memory with what InfluxDB sums from the stored
/// points (issue 11; several nodes, issue 17).</summary>
public static class MemoryComparison
{
    public static async Task<Dictionary<SatisfactionCell, SatisfactionTotals>> StoredAsync(IngestApp app, DateTimeOffset from, DateTimeOffset to)
    {
        var stored = new Dictionary<SatisfactionCell, SatisfactionTotals>();
        var influx = app.Services.GetRequiredService<InfluxDBClient>().GetQueryApi();
        SatisfactionQueries.AddTo(stored, await influx.QuerySeriesAsync(SatisfactionQueries.Ratings(from, to, Grain.Raw), app.Database), reviews: false);
        SatisfactionQueries.AddTo(stored, await influx.QuerySeriesAsync(SatisfactionQueries.Reviews(from, to, Grain.Raw), app.Database), reviews: true);
        return stored;
    }

    public static Dictionary<SatisfactionCell, SatisfactionTotals> InMemory(IngestApp app, DateTimeOffset from, DateTimeOffset to) =>
        app.Services.GetRequiredService<RecentTotals>().Read(from, to, null).Cells;

    /// <summary>Every cell that differs, as text (empty when memory equals InfluxDB).</summary>
    public static List<string> Differences(Dictionary<SatisfactionCell, SatisfactionTotals> memory, Dictionary<SatisfactionCell, SatisfactionTotals> stored)
    {
        var differences = new List<string>();
        foreach (var cell in stored.Keys.Union(memory.Keys))
        {
            var expected = Round(stored.GetValueOrDefault(cell, SatisfactionTotals.Empty));
            var actual = Round(memory.GetValueOrDefault(cell, SatisfactionTotals.Empty));
            if (expected != actual)
                differences.Add($"{cell}: InfluxDB {expected}, memory {actual}");
        }
        return differences;
    }

    /// <summary>Polls until the node's memory equals InfluxDB over [from, to), or the time is up;
    /// returns the differences seen last.</summary>
    public static async Task<List<string>> WaitUntilEqualAsync(IngestApp app, DateTimeOffset from, DateTimeOffset to, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var differences = Differences(InMemory(app, from, to), await StoredAsync(app, from, to));
            if (differences.Count == 0 || DateTime.UtcNow > deadline)
                return differences;
            await Task.Delay(200);
        }
    }

    // Sums of doubles may differ in the last bits by the order they were added in.
    public static SatisfactionTotals Round(SatisfactionTotals t) => t with
    {
        NormSum = Math.Round(t.NormSum, 6),
        CesSum = Math.Round(t.CesSum, 6),
        StarsSum = Math.Round(t.StarsSum, 6),
        SentimentSum = Math.Round(t.SentimentSum, 6),
    };
}
