using CxMonitor.Core.Metrics;
using CxMonitor.Core.Ratings;
using CxMonitor.Web.Ingest;

namespace CxMonitor.Web.Metrics.Recent;

/// <summary>Counts every accepted rating and review into <see cref="RecentTotals"/> with exactly
/// the counts and sums its stored point carries (RatingPoints, ReviewPoints), so memory and
/// InfluxDB agree. Accepted means durable: the spool delivers it to InfluxDB eventually. The same
/// counts go to the other nodes (<see cref="SharedRecentTotals"/>).</summary>
public sealed class RecentTotalsFeed(IngestEvents events, RecentTotals recent, SharedRecentTotals shared) : IHostedService
{
    // A review edit rewrites its point: memory must swap the old figures for the new, so it
    // remembers the figures of every review it holds (few: reviews are rare next to ratings).
    private readonly Dictionary<(string Platform, string ExternalId), (DateTimeOffset Time, SatisfactionCell Cell, SatisfactionTotals Totals)> _reviews = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        events.RatingsAccepted += OnRatings;
        events.ReviewsAccepted += OnReviews;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        events.RatingsAccepted -= OnRatings;
        events.ReviewsAccepted -= OnReviews;
        return Task.CompletedTask;
    }

    private void OnRatings(IReadOnlyList<ValidRating> ratings)
    {
        var items = new (DateTimeOffset, SatisfactionCell, SatisfactionTotals)[ratings.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var r = ratings[i];
            items[i] = (r.Time, new SatisfactionCell(r.Site, r.Channel ?? "", r.Touchpoint ?? ""), Totals(r));
        }
        recent.Add(items);
        shared.Pending(items);
    }

    private void OnReviews(IReadOnlyList<ValidReview> reviews)
    {
        var changes = new List<(DateTimeOffset, SatisfactionCell, SatisfactionTotals)>(reviews.Count);
        lock (_reviews)
        {
            foreach (var r in reviews)
            {
                var cell = new SatisfactionCell(r.Site, "", "");
                var totals = Totals(r);
                if (_reviews.TryGetValue((r.Platform, r.ExternalId), out var old))
                    changes.Add((old.Time, old.Cell, Negate(old.Totals)));
                _reviews[(r.Platform, r.ExternalId)] = (r.Time, cell, totals);
                changes.Add((r.Time, cell, totals));
            }
            var forget = recent.CoversFrom == DateTimeOffset.MaxValue ? DateTimeOffset.MinValue : recent.CoversFrom;
            foreach (var key in _reviews.Where(p => p.Value.Time < forget).Select(p => p.Key).ToList())
                _reviews.Remove(key);
        }
        recent.Add(changes);
        shared.Pending(changes);
    }

    /// <summary>Called by the warm-up with the reviews InfluxDB holds in memory's span.</summary>
    public void Remember(IEnumerable<(string Platform, string ExternalId, DateTimeOffset Time, SatisfactionCell Cell, SatisfactionTotals Totals)> reviews)
    {
        lock (_reviews)
        {
            _reviews.Clear();
            foreach (var r in reviews)
                _reviews[(r.Platform, r.ExternalId)] = (r.Time, r.Cell, r.Totals);
        }
    }

    private static SatisfactionTotals Negate(SatisfactionTotals t) => new()
    {
        Reviews = -t.Reviews,
        StarredReviews = -t.StarredReviews,
        StarsSum = -t.StarsSum,
        NegativeReviews = -t.NegativeReviews,
        SentimentSum = -t.SentimentSum,
        SentimentCount = -t.SentimentCount,
    };

    // What a rating counts depends on its scale and score alone: worked out once per pair (it
    // ran twice per rating with its encoding, issue 19), from the same fields as before.
    private static readonly SatisfactionTotals[][] RatingTotals = RatingScales.All.Select(scale =>
    {
        var (min, max) = RatingScales.Range(scale);
        return Enumerable.Range(min, max - min + 1).Select(score => TotalsOf(
            new ValidRating("", default, scale, score, RatingScales.Classify(scale, score), "", null, null, "", null, null, [], null, null))).ToArray();
    }).ToArray();

    /// <summary>What the rating's point counts, read from the fields it is written with.</summary>
    public static SatisfactionTotals Totals(ValidRating r)
    {
        var (min, _) = RatingScales.Range(r.Scale);
        var cached = RatingTotals[(int)r.Scale];
        var i = r.Score - min;
        return (uint)i < (uint)cached.Length && r.Class == RatingScales.Classify(r.Scale, r.Score) ? cached[i] : TotalsOf(r);
    }

    private static SatisfactionTotals TotalsOf(ValidRating r)
    {
        var numbers = RatingPoints.Numbers(r);
        return CountedFields.FromPoint(CountedFields.Ratings, field => Field(numbers, field));
    }

    public static SatisfactionTotals Totals(ValidReview r)
    {
        var numbers = ReviewPoints.Numbers(r);
        return CountedFields.FromPoint(CountedFields.Reviews, field => Field(numbers, field));
    }

    private static double? Field(IEnumerable<(string Name, double Value, bool Integer)> numbers, string field)
    {
        foreach (var n in numbers)
        {
            if (n.Name == field)
                return n.Value;
        }
        return null;
    }
}
