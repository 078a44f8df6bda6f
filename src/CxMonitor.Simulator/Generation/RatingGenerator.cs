using CxMonitor.Simulator.Catalog;

namespace CxMonitor.Simulator.Generation;

/// <summary>
/// Live traffic, one second at a time, with the scripted incidents. Pure: given the same seed,
/// sites, rate and incident schedule, the same sequence of <see cref="Next"/> calls yields the same data.
/// </summary>
public sealed class RatingGenerator
{
    private static readonly TimeSpan _tick = TimeSpan.FromSeconds(1);

    private readonly Random _random;
    private readonly IReadOnlyList<DemoSite> _sites;
    private readonly double _ratingsPerSecond;
    private readonly IncidentSchedule _incidents;
    private readonly TrafficModel _traffic;
    private readonly SliceSampler _sampler;
    private readonly ReviewFactory _reviews;

    // An understaffed store: sharply lower mood, complaints about queues and staff, more of them written down.
    private static readonly SiteCondition _overrun = new(MoodShift: -0.45, ReasonCodes.Overrun, CommentBoost: 2);

    public RatingGenerator(int seed, IReadOnlyList<DemoSite> sites, double ratingsPerSecond, IncidentSchedule incidents)
    {
        _random = new Random(SimIds.SeedFor(seed, 'l'));
        _sites = sites;
        _ratingsPerSecond = ratingsPerSecond;
        _incidents = incidents;
        var customers = new CustomerPool(_random, seed, sites);
        _reviews = new ReviewFactory(_random, seed, 'r');
        var ratings = new RatingFactory(_random, new IdSequence(seed, 'l'), customers);
        _traffic = new TrafficModel(sites, RatingStreams.All);
        _sampler = new SliceSampler(_random, _traffic, ratings, _reviews);
    }

    /// <summary>The rate to expect at a moment, which differs from the weekly average by opening hours and rhythm.</summary>
    public double ExpectedRatingsPerSecond(DateTimeOffset at) =>
        _sites.Sum(site => RatingStreams.All.Sum(stream => _ratingsPerSecond * _traffic.Share(site, stream, site.LocalTime(at))));

    /// <summary>The ratings and reviews of the simulated second starting at <paramref name="simulatedNow"/>.</summary>
    public GeneratedSlice Next(DateTimeOffset simulatedNow)
    {
        var from = SliceSampler.TruncateToSecond(simulatedNow);
        var slice = new GeneratedSlice([], []);
        foreach (var site in _sites)
        {
            var condition = _incidents.Active(IncidentKind.SatisfactionDrop, site.Id, from) is null
                ? new SiteCondition(TrafficModel.BusyPenalty(site, site.LocalTime(from)))
                : _overrun;
            var silent = _incidents.Active(IncidentKind.TerminalSilence, site.Id, from) is not null;
            _sampler.Sample(site, from, _tick, _ratingsPerSecond, condition, silent, slice);
        }
        AddScriptedReviews(from, slice);
        AddSafetyComplaints(from, slice);
        slice.Ratings.Sort((a, b) => a.Time.CompareTo(b.Time));
        return slice;
    }

    /// <summary>A health-and-safety complaint is a critical moment in itself, so it is scripted
    /// (with its ground truth) rather than drawn at random among everyday comments.</summary>
    private void AddSafetyComplaints(DateTimeOffset from, GeneratedSlice slice)
    {
        foreach (var incident in _incidents.Incidents)
        {
            if (incident.Kind != IncidentKind.SafetyComplaint || incident.Start < from || incident.Start >= from + _tick)
                continue;
            slice.Ratings.Add(new Rating($"safety-{incident.Number}-{incident.Start.ToUnixTimeSeconds()}", incident.Start, "csat5", 1, incident.SiteId,
                "in-store", "checkout", "survey", null, null, null, "Got food poisoning after eating a sandwich from the café.", "en"));
        }
    }

    private void AddScriptedReviews(DateTimeOffset from, GeneratedSlice slice)
    {
        foreach (var incident in _incidents.Incidents)
        {
            if (incident.Kind != IncidentKind.OneStarReviews)
                continue;
            var site = _sites.First(s => s.Id == incident.SiteId);
            foreach (var at in IncidentSchedule.OneStarReviewTimes(incident))
            {
                if (at >= from && at < from + _tick)
                {
                    // A pile-on after one bad day: the same two complaints, rude staff and spoiled food, over and over.
                    var reason = _random.NextDouble() < 0.5 ? ReasonCodes.StaffAttitude : ReasonCodes.ProductQuality;
                    slice.Reviews.Add(_reviews.Create(site, at, stars: 1, reason));
                }
            }
        }
    }
}
