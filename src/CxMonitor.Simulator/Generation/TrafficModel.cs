using CxMonitor.Simulator.Catalog;

namespace CxMonitor.Simulator.Generation;

/// <summary>
/// Splits a target volume over sites, streams and time. Shares are normalised so that, averaged
/// over a week, they sum to 1: <c>--rate</c> and <c>--per-day</c> are weekly averages while the
/// moment-to-moment volume follows opening hours and the daily and weekly rhythm.
/// </summary>
public sealed class TrafficModel
{
    /// <summary>About one review per site every ten minutes, more at busy sites and times.</summary>
    public const double ReviewsPerSitePerSecond = 1.0 / 600;

    private readonly double _meanTotalWeight;
    private readonly double _meanOnline;

    public TrafficModel(IReadOnlyList<DemoSite> sites, IReadOnlyList<RatingStream> streams)
    {
        // Any week will do: local time is walked directly, so daylight saving does not matter here.
        var monday = new DateTime(2024, 1, 1);
        var step = TimeSpan.FromMinutes(5);
        var samples = (int)(TimeSpan.FromDays(7) / step);
        double total = 0, online = 0;
        for (var i = 0; i < samples; i++)
        {
            var local = monday + i * step;
            online += TrafficRhythm.Online(local);
            foreach (var site in sites)
            {
                foreach (var stream in streams)
                    total += Weight(site, stream, local);
            }
        }
        _meanTotalWeight = total / samples;
        _meanOnline = online / samples;
    }

    /// <summary>This stream's expected fraction of the whole volume at this site-local moment.</summary>
    public double Share(DemoSite site, RatingStream stream, DateTime local) => Weight(site, stream, local) / _meanTotalWeight;

    /// <summary>Expected reviews per second at a site; reviews are written from home, so they follow the online rhythm.</summary>
    public double ReviewRate(DemoSite site, DateTime local) =>
        ReviewsPerSitePerSecond * site.Traffic * TrafficRhythm.Online(local) / _meanOnline;

    /// <summary>Crowds cost satisfaction: queues grow at the peaks.</summary>
    public static double BusyPenalty(DemoSite site, DateTime local) =>
        site.Hours.IsOpen(local) ? -0.05 * Math.Max(0, TrafficRhythm.Store(local) - 1.0) : 0;

    private static double Weight(DemoSite site, RatingStream stream, DateTime local)
    {
        if (stream.OpeningHoursOnly)
            return site.Hours.IsOpen(local) ? site.Traffic * stream.Weight * TrafficRhythm.Store(local) : 0;
        return site.Traffic * stream.Weight * TrafficRhythm.Online(local);
    }
}
