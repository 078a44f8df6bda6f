namespace CxMonitor.Web.Live;

/// <summary>What the server calls on browsers (strongly typed: no magic method names in jobs).</summary>
public interface IDashboardClient
{
    Task Snapshots(SnapshotUpdate update);

    Task Ratings(RatingActivity activity);

    Task Reviews(ReviewActivity activity);

    /// <summary>After every job run, changed or not: screens tell "quiet" from "stale" by it.</summary>
    Task Heartbeat(LiveHeartbeat beat);

    Task Alert(CxMonitor.Web.Alerts.AlertUpdate update);
}
