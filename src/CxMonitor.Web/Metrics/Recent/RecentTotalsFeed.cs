using CxMonitor.Core.Metrics;
using CxMonitor.Core.Ratings;
using CxMonitor.Web.Ingest;

namespace CxMonitor.Web.Metrics.Recent;

/// <summary>Counts every accepted rating and review into <see cref="RecentTotals"/> with exactly
/// the counts and sums its stored point carries (RatingPoints, ReviewPoints), so memory and
/// InfluxDB agree. Accepted means durable: the spool delivers it to InfluxDB eventually.</summary>
public sealed class RecentTotalsFeed(IngestEvents events, RecentTotals recent) : IHostedService
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

    private void OnRatings(IReadOnlyList<ValidRating> ratings) =>
        recent.Add(ratings.Select(r => (r.Time, new SatisfactionCell(r.Site, r.Channel ?? "", r.Touchpoint ?? ""), Totals(r))));

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

    /// <summary>What the rating's point counts, read from the fields it is written with.</summary>
    public static SatisfactionTotals Totals(ValidRating r)
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
