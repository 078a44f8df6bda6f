using System.Diagnostics;
using CxMonitor.Core.Metrics;
using CxMonitor.Web.Sites;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Metrics;

/// <summary>Computes every scope's snapshot over every window from InfluxDB aggregations.</summary>
public sealed class RollingSatisfaction(CellReader reader, BaselineCache baselines, SiteCatalog sites, IOptions<MetricsOptions> options, TimeProvider clock)
{
    private readonly SeenScopes _seen = new();

    private static readonly SatisfactionWindow[] Fixed = [SatisfactionWindow.Live15m, SatisfactionWindow.Hour1, SatisfactionWindow.Day1, SatisfactionWindow.Days7, SatisfactionWindow.Days30];

    public async Task<RollingRun> ComputeAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        // The fetch phase: InfluxDB's aggregations and their answers, all queries in parallel.
        var current = await CurrentAsync(now, ct);
        var baseline = await baselines.GetAsync(now, ct);
        var fetched = Stopwatch.GetElapsedTime(started);
        var minimumN = options.Value.MinimumN;
        var snapshots = new List<ComputedSnapshot>();
        foreach (var (window, cells) in current)
        {
            var computed = new List<ComputedSnapshot>();
            baseline.TryGetValue(window, out var baseScopes);
            var byScope = cells.ByScope();
            // A scope whose window emptied has no cell left: without this it would keep its last
            // figures (Berlin's 15m tile showing the evening's CSAT all night).
            foreach (var gone in _seen.Emptied(window, byScope.Keys))
                byScope[gone] = SatisfactionTotals.Empty;
            foreach (var (scope, totals) in byScope)
            {
                SatisfactionTotals? b = baseScopes is not null && baseScopes.TryGetValue(scope, out var bt) ? bt : null;
                computed.Add(new ComputedSnapshot(scope, window, totals, SatisfactionSnapshot.From(totals, b, minimumN, options.Value.MinimumBaselineN)));
            }
            // One family per window: a wall or league shows a subset, so this corrects at least as strictly.
            var stars = StarredChanges.Of(computed.Select(c => c.Snapshot).ToArray(), options.Value);
            snapshots.AddRange(computed.Select((c, i) => c with { CsatStarred = stars[i].Csat, NpsStarred = stars[i].Nps }));
        }
        return new RollingRun(now, snapshots, fetched, Stopwatch.GetElapsedTime(started));
    }

    private async Task<Dictionary<SatisfactionWindow, CellTotals>> CurrentAsync(DateTimeOffset now, CancellationToken ct)
    {
        var utc = TimeZoneInfo.Utc;
        var tasks = Fixed.ToDictionary(w => w, w =>
        {
            var (start, end) = LongOnTheHour(w, OnTheMinute(SatisfactionWindows.Range(w, now, utc)));
            return reader.ReadAsync(start, end, now, null, ct);
        });
        var today = TodayAsync(now, ct);
        await Task.WhenAll(tasks.Values.Append(today));
        var result = tasks.ToDictionary(t => t.Key, t => t.Value.Result);
        result[SatisfactionWindow.Today] = await today;
        return result;
    }

    /// <summary>Short windows start on the minute: memory keeps minutes, so 15m is the 15 minutes
    /// before now plus the seconds of the minute it began in (15 to 16 minutes), read the same way
    /// from memory and from InfluxDB.</summary>
    internal static (DateTimeOffset Start, DateTimeOffset End) OnTheMinute((DateTimeOffset Start, DateTimeOffset End) range) =>
        (new DateTimeOffset(range.Start.UtcTicks - range.Start.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero), range.End);

    /// <summary>7 and 30 days start on the hour (up to an hour more than the nominal length):
    /// whole rolled-up hours are cached, a ragged start would cost a raw query every run.</summary>
    internal static (DateTimeOffset Start, DateTimeOffset End) LongOnTheHour(SatisfactionWindow window, (DateTimeOffset Start, DateTimeOffset End) range) =>
        window is SatisfactionWindow.Days7 or SatisfactionWindow.Days30 ? (CellReader.Floor(range.Start), range.End) : range;

    /// <summary>"Today" is each site's own local day: one query per time zone in the catalog.</summary>
    internal async Task<CellTotals> TodayAsync(DateTimeOffset now, CancellationToken ct)
    {
        var parts = await Task.WhenAll(sites.All.GroupBy(s => s.TimeZone).Select(zone =>
        {
            var (start, end) = SatisfactionWindows.Range(SatisfactionWindow.Today, now, zone.First().Zone);
            return reader.ReadAsync(start, end, now, zone.Select(s => s.Id).ToList(), ct);
        }));
        var total = new CellTotals();
        foreach (var part in parts)
            total.Add(part);
        return total;
    }
}
