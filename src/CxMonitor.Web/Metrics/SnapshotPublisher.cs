using CxMonitor.Core.Metrics;
using CxMonitor.Influx;
using CxMonitor.Influx.Write;
using CxMonitor.Web.Data;
using CxMonitor.Web.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Metrics;

/// <summary>After each run: keeps the latest snapshots for late joiners, pushes the changed ones
/// to the scope groups, and writes all of them to the <c>satisfaction</c> measurement so the
/// rolling index itself can be charted.</summary>
public sealed class SnapshotPublisher(
    SnapshotStore store,
    IHubContext<DashboardHub, IDashboardClient> hub,
    LiveSequence sequence,
    InfluxDBClient influx,
    IOptions<InfluxStorageOptions> storage,
    IOptions<MetricsOptions> options)
{
    public const string HistoryMeasurement = "satisfaction";

    /// <summary>Raised after every published run (windowed alert rules listen). Handlers must not throw.</summary>
    public event Func<RollingRun, CancellationToken, Task>? Published;

    public async Task<int> PublishAsync(RollingRun run, CancellationToken ct)
    {
        var live = run.Snapshots.Select(s => ToLive(s, run.At)).ToList();
        var changed = store.Update(live, run.At);
        foreach (var group in changed.GroupBy(s => s.Scope))
            await hub.Clients.Group(DashboardHub.Group(group.Key)).Snapshots(new SnapshotUpdate(sequence.Next(), run.At, false, group.ToList()));
        if (options.Value.WriteHistory && run.Snapshots.Count > 0)
        {
            // An emptied scope is published as NoData but not written: the history has no point
            // where there were no ratings, as before scopes were recomputed when they emptied.
            var points = run.Snapshots.Where(s => s.Snapshot.State != MetricState.NoData).Select(s => HistoryPoint(s, run.At)).ToList();
            if (points.Count > 0)
                await influx.GetWriteApiAsync().WritePointsAsync(points, storage.Value.RollupDatabase, ct: ct);
        }
        await hub.Clients.All.Heartbeat(new LiveHeartbeat(sequence.Next(), run.At, run.At));
        if (Published is { } published)
            await published(run, ct);
        return changed.Count;
    }

    public static LiveSnapshot ToLive(ComputedSnapshot c, DateTimeOffset at)
    {
        var s = c.Snapshot;
        return new LiveSnapshot(
            c.Scope.ToString(), SatisfactionWindows.Code(c.Window), s.State.ToString(), s.N,
            Round(s.Csat), Round(s.CsatInterval?.Low), Round(s.CsatInterval?.High), Round(s.Nps), Round(s.NpsMargin),
            Round(s.MeanNorm), Round(s.CesMean, 2), Round(s.StarsMean, 2), Round(s.SentimentMean, 3), s.Reviews, s.Negatives,
            Round(s.Baseline?.BaselineCsat), Round(s.Baseline?.CsatChange), s.Baseline?.CsatPValue is { } p ? Math.Round(p, 4) : null,
            c.CsatStarred, at)
        {
            CsatN = s.CsatN, NpsN = s.NpsN, NpsLow = Round(s.NpsInterval?.Low), NpsHigh = Round(s.NpsInterval?.High),
            BaselineNps = Round(s.Baseline?.BaselineNps), NpsChange = Round(s.Baseline?.NpsChange),
            NpsPValue = s.Baseline?.NpsPValue is { } np ? Math.Round(np, 4) : null,
            BaselineCsatN = s.Baseline?.BaselineCsatN ?? 0, BaselineNpsN = s.Baseline?.BaselineNpsN ?? 0, NpsStarred = c.NpsStarred,
        };
    }

    private static PointData HistoryPoint(ComputedSnapshot c, DateTimeOffset at)
    {
        var s = c.Snapshot;
        var point = PointData.Measurement(HistoryMeasurement)
            .Tag("scope_kind", c.Scope.Kind)
            .Tag("scope", c.Scope.ToString())
            .Tag("window", SatisfactionWindows.Code(c.Window))
            .Field("n", s.N)
            .Field("negatives", s.Negatives)
            .Field("reviews", s.Reviews)
            .Timestamp(at);
        Optional(point, "csat", s.Csat);
        Optional(point, "csat_low", s.CsatInterval?.Low);
        Optional(point, "csat_high", s.CsatInterval?.High);
        Optional(point, "nps", s.Nps);
        Optional(point, "nps_margin", s.NpsMargin);
        Optional(point, "mean_norm", s.MeanNorm);
        Optional(point, "ces_mean", s.CesMean);
        Optional(point, "stars_mean", s.StarsMean);
        Optional(point, "sentiment_mean", s.SentimentMean);
        Optional(point, "csat_change", s.Baseline?.CsatChange);
        return point;
    }

    private static void Optional(PointData p, string field, double? value)
    {
        if (value is { } v && double.IsFinite(v))
            p.Field(field, v);
    }

    private static double? Round(double? v, int digits = 1) => v is { } x ? Math.Round(x, digits) : null;
}
