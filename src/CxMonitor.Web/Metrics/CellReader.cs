using CxMonitor.Influx;
using CxMonitor.Web.Data;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Metrics;

/// <summary>Reads per-cell totals of a time range from InfluxDB, from hourly rollups for whole
/// hours that the rollup job has finished and from raw points for the rest.</summary>
public sealed class CellReader(InfluxDBClient influx, IOptions<InfluxStorageOptions> storage)
{
    /// <summary>Rollups are trusted up to this long before the current hour began: the rollup
    /// job finishes the previous hour shortly after it ends.</summary>
    public static readonly TimeSpan RollupLag = TimeSpan.FromHours(1);

    public async Task<CellTotals> ReadAsync(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, IReadOnlyCollection<string>? sites, CancellationToken ct)
    {
        var result = new CellTotals();
        if (to <= from)
            return result;
        var rolledUpTo = Floor(now) - RollupLag;
        var firstWholeHour = Ceiling(from);
        // Up to two days raw points are fast enough and exact; only longer ranges need rollups.
        if (to - from <= TimeSpan.FromHours(48) || firstWholeHour >= rolledUpTo)
        {
            result.Add(await RawAsync(from, to, sites, ct));
            return result;
        }
        var parts = await Task.WhenAll(
            RawAsync(from, firstWholeHour, sites, ct),
            RollupAsync(firstWholeHour, Min(rolledUpTo, to), sites, ct),
            RawAsync(Min(rolledUpTo, to), to, sites, ct));
        foreach (var part in parts)
            result.Add(part);
        return result;
    }

    private Task<CellTotals> RawAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string>? sites, CancellationToken ct) =>
        QueryAsync(from, to, sites, fromRollups: false, ct);

    private Task<CellTotals> RollupAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string>? sites, CancellationToken ct) =>
        QueryAsync(from, to, sites, fromRollups: true, ct);

    private async Task<CellTotals> QueryAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string>? sites, bool fromRollups, CancellationToken ct)
    {
        var totals = new CellTotals();
        if (to <= from)
            return totals;
        var db = fromRollups ? storage.Value.RollupDatabase : storage.Value.Database;
        var api = influx.GetQueryApi();
        var ratings = api.QuerySeriesAsync(SatisfactionQueries.Ratings(from, to, fromRollups, sites), db, ct);
        var reviews = api.QuerySeriesAsync(SatisfactionQueries.Reviews(from, to, fromRollups, sites), db, ct);
        await Task.WhenAll(ratings, reviews);
        SatisfactionQueries.AddTo(totals.Cells, await ratings, reviews: false);
        SatisfactionQueries.AddTo(totals.Cells, await reviews, reviews: true);
        return totals;
    }

    public static DateTimeOffset Floor(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);

    public static DateTimeOffset Ceiling(DateTimeOffset t) => t.UtcTicks % TimeSpan.TicksPerHour == 0 ? t.ToUniversalTime() : Floor(t).AddHours(1);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
