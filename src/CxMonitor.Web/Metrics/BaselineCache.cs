using CxMonitor.Core.Metrics;
using CxMonitor.Web.Sites;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Metrics;

/// <summary>Baselines per window and scope, recomputed every <see cref="MetricsOptions.BaselineRefresh"/>:
/// the same hours of the same weekday over the previous four weeks, falling back to the
/// trailing 28 days where that holds too little data; for 7 and 30 days, the period before.
/// Also recomputed as soon as the rollup job rewrote rollups of older hours (late data, a rebuild).</summary>
public sealed class BaselineCache(CellReader reader, SiteCatalog sites, IOptions<MetricsOptions> options)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Dictionary<SatisfactionWindow, Dictionary<SatisfactionScope, SatisfactionTotals>> _baselines = [];
    private DateTimeOffset _computedAt = DateTimeOffset.MinValue;
    private long _version;
    private long _computedVersion = -1;

    public async Task<IReadOnlyDictionary<SatisfactionWindow, Dictionary<SatisfactionScope, SatisfactionTotals>>> GetAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (IsCurrent(now))
            return _baselines;
        await _refresh.WaitAsync(ct);
        try
        {
            if (!IsCurrent(now))
            {
                // Read before computing: an invalidation during the computation forces another.
                var version = Interlocked.Read(ref _version);
                _baselines = await ComputeAsync(now, ct);
                _computedAt = now;
                _computedVersion = version;
            }
            return _baselines;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>The rollups behind the baselines changed: the next read recomputes them.</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    private bool IsCurrent(DateTimeOffset now) =>
        now - _computedAt < options.Value.BaselineRefresh && _computedVersion == Interlocked.Read(ref _version);

    private async Task<Dictionary<SatisfactionWindow, Dictionary<SatisfactionScope, SatisfactionTotals>>> ComputeAsync(DateTimeOffset now, CancellationToken ct)
    {
        var result = new Dictionary<SatisfactionWindow, Dictionary<SatisfactionScope, SatisfactionTotals>>();
        foreach (var window in new[] { SatisfactionWindow.Live15m, SatisfactionWindow.Hour1, SatisfactionWindow.Day1 })
        {
            var (start, end) = SatisfactionWindows.Range(window, now, TimeZoneInfo.Utc);
            result[window] = await SameHoursAsync(start, end, TimeZoneInfo.Utc, now, null, ct);
        }
        var today = new Dictionary<SatisfactionScope, SatisfactionTotals>();
        foreach (var zone in sites.All.GroupBy(s => s.TimeZone))
        {
            var tz = zone.First().Zone;
            var (start, end) = SatisfactionWindows.Range(SatisfactionWindow.Today, now, tz);
            Merge(today, await SameHoursAsync(start, end, tz, now, zone.Select(s => s.Id).ToList(), ct));
        }
        result[SatisfactionWindow.Today] = today;
        foreach (var window in new[] { SatisfactionWindow.Days7, SatisfactionWindow.Days30 })
        {
            var (start, _) = RollingSatisfaction.LongOnTheHour(window, SatisfactionWindows.Range(window, now, TimeZoneInfo.Utc));
            var length = window == SatisfactionWindow.Days7 ? TimeSpan.FromDays(7) : TimeSpan.FromDays(30);
            result[window] = (await reader.ReadAsync(start - length, start, now, null, ct)).ByScope();
        }
        return result;
    }

    private async Task<Dictionary<SatisfactionScope, SatisfactionTotals>> SameHoursAsync(
        DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone, DateTimeOffset now, IReadOnlyCollection<string>? siteIds, CancellationToken ct)
    {
        var cells = new CellTotals();
        foreach (var part in await Task.WhenAll(SatisfactionWindows.SameHoursPreviousWeeks(start, end, zone).Select(r => reader.ReadAsync(r.Start, r.End, now, siteIds, ct))))
            cells.Add(part);
        var scopes = cells.ByScope();
        var thin = scopes.Where(s => s.Value.Ratings < options.Value.MinimumN).Select(s => s.Key).ToList();
        if (thin.Count > 0 || scopes.Count == 0)
        {
            var (fs, fe) = SatisfactionWindows.Trailing28Days(start);
            var fallback = (await reader.ReadAsync(fs, fe, now, siteIds, ct)).ByScope();
            foreach (var (scope, totals) in fallback)
            {
                if (!scopes.TryGetValue(scope, out var t) || t.Ratings < options.Value.MinimumN)
                    scopes[scope] = totals;
            }
        }
        return scopes;
    }

    private static void Merge(Dictionary<SatisfactionScope, SatisfactionTotals> into, Dictionary<SatisfactionScope, SatisfactionTotals> from)
    {
        foreach (var (scope, totals) in from)
            into[scope] = into.TryGetValue(scope, out var t) ? t + totals : totals;
    }
}
