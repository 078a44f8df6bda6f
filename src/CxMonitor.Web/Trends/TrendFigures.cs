using CxMonitor.Core.Metrics;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Sites;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Trends;

/// <summary>One bucket of a trend beside the same bucket of the comparison period.</summary>
public sealed record TrendPoint(DateOnly Start, DateOnly End, double? Value, double? Low, double? High, long N, double? PreviousValue, long PreviousN);

/// <summary>One row of a league table: a site, channel or touchpoint over the period, against
/// the previous period. <see cref="N"/> is the volume; each figure has its own n. <see cref="Significant"/>
/// is the CSAT change's star and <see cref="NpsStarred"/> the NPS change's: significant after the
/// Benjamini–Hochberg correction across the rows of the table, and at least the minimum effect.</summary>
public sealed record LeagueRow(
    string Key, string Name, long N, string State, double? Csat, double? CsatLow, double? CsatHigh, double? Nps, double? NpsMargin,
    double? MeanNorm, double? StarsMean, long Negatives, double? CsatChange, double? NpsChange, bool Significant,
    long CsatN, long NpsN, double? NpsLow, double? NpsHigh, long BaselineCsatN, long BaselineNpsN, bool NpsStarred);

/// <summary>Trend figures with the same math as the live snapshots.</summary>
public sealed class TrendFigures(TrendTotals totals, SiteCatalog sites, IOptions<MetricsOptions> options)
{
    public async Task<IReadOnlyList<TrendPoint>> SeriesAsync(string metric, SatisfactionScope scope, TrendPeriod period, TrendPeriod previous, CancellationToken ct)
    {
        var current = await totals.ByDayAsync(scope, period, ct);
        var before = await totals.ByDayAsync(scope, previous, ct);
        var previousBuckets = previous.Buckets().ToArray();
        var points = new List<TrendPoint>();
        var i = 0;
        foreach (var (start, end) in period.Buckets())
        {
            var now = Sum(current, start, end);
            var then = i < previousBuckets.Length ? Sum(before, previousBuckets[i].Start, previousBuckets[i].End) : SatisfactionTotals.Empty;
            i++;
            var figure = SeriesQuery.ToPoint(metric, period.Instant(start), now, options.Value.MinimumN);
            var earlier = SeriesQuery.ToPoint(metric, period.Instant(start), then, options.Value.MinimumN);
            points.Add(new TrendPoint(start, end, figure.Value, figure.Low, figure.High, figure.N, earlier.Value, earlier.N));
        }
        return points;
    }

    public async Task<IReadOnlyList<LeagueRow>> LeagueAsync(string dimension, TrendPeriod period, TrendPeriod previous, CancellationToken ct)
    {
        var current = await totals.ByDimensionAsync(dimension, period, ct);
        var before = await totals.ByDimensionAsync(dimension, previous, ct);
        var rows = new List<LeagueRow>();
        var snapshots = current.Select(c => (c.Key, Snapshot: SatisfactionSnapshot.From(c.Value, before.GetValueOrDefault(c.Key) ?? SatisfactionTotals.Empty,
            options.Value.MinimumN, options.Value.MinimumBaselineN))).ToArray();
        var stars = StarredChanges.Of(snapshots.Select(x => x.Snapshot).ToArray(), options.Value);
        for (var i = 0; i < snapshots.Length; i++)
        {
            var (key, s) = snapshots[i];
            var name = dimension == "site" && sites.TryGet(key, out var site) ? site.Name : key;
            rows.Add(new LeagueRow(key, name, s.N, s.State.ToString(), s.Csat, s.CsatInterval?.Low, s.CsatInterval?.High, s.Nps, s.NpsMargin,
                s.MeanNorm, s.StarsMean, s.Negatives, s.Baseline?.CsatChange, s.Baseline?.NpsChange, stars[i].Csat,
                s.CsatN, s.NpsN, s.NpsInterval?.Low, s.NpsInterval?.High, s.Baseline?.BaselineCsatN ?? 0, s.Baseline?.BaselineNpsN ?? 0, stars[i].Nps));
        }
        // Best first; rows without enough data last, by volume.
        return rows.OrderBy(r => r.Csat is null).ThenByDescending(r => r.Csat).ThenByDescending(r => r.N).ToArray();
    }

    private static SatisfactionTotals Sum(Dictionary<DateOnly, SatisfactionTotals> days, DateOnly from, DateOnly to)
    {
        var sum = SatisfactionTotals.Empty;
        for (var d = from; d < to; d = d.AddDays(1))
        {
            if (days.TryGetValue(d, out var t))
                sum += t;
        }
        return sum;
    }
}
