using CxMonitor.Influx;
using CxMonitor.Web.Data;
using CxMonitor.Web.Metrics.Recent;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Metrics;

/// <summary>Reads per-cell totals of a time range: the last two days from memory once it is warm
/// (<see cref="RecentTotals"/>), whole older hours and days from rollups (cached), and from raw
/// points in InfluxDB only what is left: ragged ends, and short ranges before memory's span.</summary>
public sealed class CellReader(InfluxDBClient influx, IOptions<InfluxStorageOptions> storage, RecentTotals recent, RollupCache cache)
{
    /// <summary>Rollups are trusted up to this long before the current hour began: the rollup
    /// job finishes the previous hour shortly after it ends.</summary>
    public static readonly TimeSpan RollupLag = TimeSpan.FromHours(1);

    public async Task<CellTotals> ReadAsync(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, IReadOnlyCollection<string>? sites, CancellationToken ct)
    {
        var result = new CellTotals();
        if (to <= from)
            return result;
        if (recent.IsWarm)
        {
            var boundary = recent.Boundary(now);
            if (to > boundary)
                result.Add(recent.Read(from > boundary ? from : boundary, to, sites));
            if (from >= boundary)
                return result;
            to = Min(to, boundary);
        }
        var rolledUpTo = Min(Floor(now) - RollupLag, to);
        var firstWholeHour = Ceiling(from);
        // Up to two days raw points are fast enough and exact; only longer ranges need rollups.
        if (to - from <= TimeSpan.FromHours(48) || firstWholeHour >= rolledUpTo)
        {
            result.Add(await RawAsync(from, to, sites, ct));
            return result;
        }
        // Whole UTC days from daily rollups (a day's rollup is complete once its hours are),
        // the hours around them from hourly rollups, the ragged ends from raw points.
        var firstWholeDay = Min(CeilingDay(firstWholeHour), rolledUpTo);
        var lastWholeDay = Max(FloorDay(rolledUpTo), firstWholeDay);
        var parts = await Task.WhenAll(
            RawAsync(from, firstWholeHour, sites, ct),
            RollupsAsync(firstWholeHour, firstWholeDay, sites, Grain.Hour, ct),
            RollupsAsync(firstWholeDay, lastWholeDay, sites, Grain.Day, ct),
            RollupsAsync(lastWholeDay, rolledUpTo, sites, Grain.Hour, ct),
            RawAsync(rolledUpTo, to, sites, ct));
        foreach (var part in parts)
            result.Add(part);
        return result;
    }

    /// <summary>Whole hours or days: from the cache when memory covers everything newer (the
    /// cached ones are then all older than two days, and rewritten rollups are invalidated).</summary>
    private Task<CellTotals> RollupsAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string>? sites, Grain grain, CancellationToken ct) =>
        recent.IsWarm ? cache.ReadAsync(from, to, grain, sites, ct) : QueryAsync(from, to, sites, grain, ct);

    private Task<CellTotals> RawAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string>? sites, CancellationToken ct) =>
        QueryAsync(from, to, sites, Grain.Raw, ct);

    private async Task<CellTotals> QueryAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string>? sites, Grain grain, CancellationToken ct)
    {
        var totals = new CellTotals();
        if (to <= from)
            return totals;
        var db = grain == Grain.Raw ? storage.Value.Database : storage.Value.RollupDatabase;
        var api = influx.GetQueryApi();
        var ratings = api.QuerySeriesAsync(SatisfactionQueries.Ratings(from, to, grain, sites), db, ct);
        var reviews = api.QuerySeriesAsync(SatisfactionQueries.Reviews(from, to, grain, sites), db, ct);
        await Task.WhenAll(ratings, reviews);
        SatisfactionQueries.AddTo(totals.Cells, await ratings, reviews: false);
        SatisfactionQueries.AddTo(totals.Cells, await reviews, reviews: true);
        return totals;
    }

    public static DateTimeOffset Floor(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);

    public static DateTimeOffset Ceiling(DateTimeOffset t) => t.UtcTicks % TimeSpan.TicksPerHour == 0 ? t.ToUniversalTime() : Floor(t).AddHours(1);

    public static DateTimeOffset FloorDay(DateTimeOffset t) => new(t.UtcDateTime.Date, TimeSpan.Zero);

    public static DateTimeOffset CeilingDay(DateTimeOffset t) => t == FloorDay(t) ? t.ToUniversalTime() : FloorDay(t).AddDays(1);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
