using CxMonitor.Core.Metrics;
using CxMonitor.Influx;
using CxMonitor.Influx.Query;
using CxMonitor.Web.Data;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Metrics;

/// <summary>Per-cell totals of whole rolled-up hours and days older than the in-memory span.
/// Those change only when late data arrives, and then the rollup job rewrites them and calls
/// <see cref="Invalidate"/>; so every hour and day is asked of InfluxDB once, not every 10 s.</summary>
public sealed class RollupCache(InfluxDBClient influx, IOptions<InfluxStorageOptions> storage, TimeProvider clock)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(70);
    private readonly object _gate = new();
    private readonly Dictionary<(Grain, DateTimeOffset), Dictionary<SatisfactionCell, SatisfactionTotals>> _units = [];

    /// <summary>Totals of [from, to), both on <paramref name="grain"/> boundaries.</summary>
    public async Task<CellTotals> ReadAsync(DateTimeOffset from, DateTimeOffset to, Grain grain, IReadOnlyCollection<string>? sites, CancellationToken ct)
    {
        var result = new CellTotals();
        if (to <= from)
            return result;
        var step = grain == Grain.Day ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1);
        var units = new List<DateTimeOffset>();
        for (var u = from; u < to; u += step)
            units.Add(u);
        List<DateTimeOffset> missing;
        lock (_gate)
            missing = units.Where(u => !_units.ContainsKey((grain, u))).ToList();
        if (missing.Count > 0)
            await LoadAsync(missing[0], missing[^1] + step, grain, step, ct);
        lock (_gate)
        {
            foreach (var u in units)
            {
                if (!_units.TryGetValue((grain, u), out var cells))
                    continue; // invalidated while loading: rare; the next run reads it again
                foreach (var (cell, totals) in cells)
                {
                    if (sites is null || sites.Contains(cell.Site))
                        result.Cells[cell] = result.Cells.TryGetValue(cell, out var t) ? t + totals : totals;
                }
            }
        }
        return result;
    }

    /// <summary>Forgets the hours in [from, to) and the days they touch (their rollups were rewritten).</summary>
    public void Invalidate(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate)
        {
            foreach (var key in _units.Keys.Where(k => k.Item2 < to && k.Item2 + (k.Item1 == Grain.Day ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1)) > from).ToList())
                _units.Remove(key);
        }
    }

    public int Units
    {
        get
        {
            lock (_gate)
                return _units.Count;
        }
    }

    private async Task LoadAsync(DateTimeOffset from, DateTimeOffset to, Grain grain, TimeSpan step, CancellationToken ct)
    {
        var (ratingMeasurement, reviewMeasurement) = grain == Grain.Day
            ? (SatisfactionQueries.RatingDaily, SatisfactionQueries.ReviewDaily)
            : (SatisfactionQueries.RatingRollup, SatisfactionQueries.ReviewRollup);
        var unit = InfluxQL.Raw(grain == Grain.Day ? "1d" : "1h");
        var api = influx.GetQueryApi();
        var db = storage.Value.RollupDatabase;
        var ratings = api.QuerySeriesAsync(InfluxQL.Format($"SELECT {InfluxQL.Raw(SatisfactionQueries.RollupRatingFields)} FROM {InfluxQL.Id(ratingMeasurement)} WHERE time >= {from} AND time < {to} GROUP BY time({unit}), site, channel, touchpoint fill(none)"), db, ct);
        var reviews = api.QuerySeriesAsync(InfluxQL.Format($"SELECT {InfluxQL.Raw(SatisfactionQueries.ReviewFields)} FROM {InfluxQL.Id(reviewMeasurement)} WHERE time >= {from} AND time < {to} GROUP BY time({unit}), site fill(none)"), db, ct);
        var loaded = new Dictionary<DateTimeOffset, Dictionary<SatisfactionCell, SatisfactionTotals>>();
        for (var u = from; u < to; u += step)
            loaded[u] = [];
        foreach (var (series, isReviews) in (await ratings).Select(s => (s, false)).Concat((await reviews).Select(s => (s, true))))
        {
            for (var r = 0; r < series.Rows.Count; r++)
            {
                if (series.GetTime(r) is not { } time || !loaded.TryGetValue(time, out var cells))
                    continue;
                SatisfactionQueries.AddTo(cells, [new InfluxSeries(series.Name, series.Tags, series.Columns, [series.Rows[r]])], isReviews);
            }
        }
        var oldest = clock.GetUtcNow() - KeepFor;
        lock (_gate)
        {
            foreach (var (u, cells) in loaded)
                _units[(grain, u)] = cells;
            foreach (var key in _units.Keys.Where(k => k.Item2 < oldest).ToList())
                _units.Remove(key);
        }
    }
}
