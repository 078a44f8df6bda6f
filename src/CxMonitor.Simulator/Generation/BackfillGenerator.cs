using CxMonitor.Simulator.Catalog;

namespace CxMonitor.Simulator.Generation;

/// <summary>
/// History: <c>days</c> days up to <c>until</c> (cut to the whole minute), one minute at a time,
/// with the same rhythms as live traffic but no incidents. Pure given seed, sites, volume and <c>until</c>.
/// </summary>
public sealed class BackfillGenerator
{
    /// <summary>Simulated time per slice: the rhythm barely changes within a minute.</summary>
    public static readonly TimeSpan Slot = TimeSpan.FromMinutes(1);

    private readonly Random _random;
    private readonly IReadOnlyList<DemoSite> _sites;
    private readonly double _ratingsPerSecond;
    private readonly SliceSampler _sampler;

    public BackfillGenerator(int seed, IReadOnlyList<DemoSite> sites, int ratingsPerDay, DateTimeOffset until, int days)
    {
        Seed = seed;
        _random = new Random(SimIds.SeedFor(seed, 'b'));
        _sites = sites;
        _ratingsPerSecond = ratingsPerDay / 86400.0;
        Until = SliceSampler.TruncateToMinute(until);
        From = Until - TimeSpan.FromDays(days);
        var customers = new CustomerPool(_random, seed, sites);
        var reviews = new ReviewFactory(_random, seed, 'h');
        var ratings = new RatingFactory(_random, new IdSequence(seed, 'b'), customers);
        _sampler = new SliceSampler(_random, new TrafficModel(sites, RatingStreams.All), ratings, reviews);
    }

    public int Seed { get; }

    public DateTimeOffset From { get; }

    public DateTimeOffset Until { get; }

    /// <summary>One slice per simulated minute, oldest first; ratings within a slice are in time order.</summary>
    public IEnumerable<GeneratedSlice> Enumerate()
    {
        for (var from = From; from < Until; from += Slot)
        {
            var slice = new GeneratedSlice([], []);
            foreach (var site in _sites)
            {
                var condition = new SiteCondition(TrafficModel.BusyPenalty(site, site.LocalTime(from)));
                _sampler.Sample(site, from, Slot, _ratingsPerSecond, condition, terminalsSilent: false, slice);
            }
            slice.Ratings.Sort((a, b) => a.Time.CompareTo(b.Time));
            yield return slice;
        }
    }
}
