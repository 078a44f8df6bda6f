using CxMonitor.Core.Ratings;
using CxMonitor.Web.Ingest;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Live;

/// <summary>Turns accepted ratings into at most one message per scope per flush interval, with
/// the count and the latest few, so a burst of thousands does not flood a TV.</summary>
public sealed class RatingActivityPush(
    IngestEvents events,
    IHubContext<DashboardHub, IDashboardClient> hub,
    LiveSequence sequence,
    IOptions<LiveOptions> options,
    TimeProvider clock,
    ILogger<RatingActivityPush> logger) : BackgroundService
{
    private const int LatestPerScope = 5;
    private readonly object _gate = new();
    private Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        events.RatingsAccepted += OnRatings;
        try
        {
            using var timer = new PeriodicTimer(options.Value.ActivityFlushInterval, clock);
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await FlushAsync();
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            events.RatingsAccepted -= OnRatings;
        }
    }

    private void OnRatings(IReadOnlyList<ValidRating> ratings)
    {
        lock (_gate)
        {
            foreach (var r in ratings)
            {
                Add("all", r);
                Add("site:" + r.Site, r);
            }
        }
    }

    private void Add(string scope, ValidRating r)
    {
        if (!_pending.TryGetValue(scope, out var p))
            _pending[scope] = p = new Pending();
        p.Count++;
        if (r.Class.Satisfaction == Satisfaction.Dissatisfied)
            p.Negatives++;
        p.Latest.Enqueue(new LiveRating(r.Time, r.Site, RatingScales.Code(r.Scale), r.Score, r.Class.Norm,
            r.Class.Satisfaction.ToString().ToLowerInvariant(), r.Touchpoint, r.Channel, r.Comment, r.Language));
        if (p.Latest.Count > LatestPerScope)
            p.Latest.Dequeue();
    }

    private async Task FlushAsync()
    {
        Dictionary<string, Pending> batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
                return;
            batch = _pending;
            _pending = new Dictionary<string, Pending>(StringComparer.Ordinal);
        }
        var now = clock.GetUtcNow();
        foreach (var (scope, p) in batch)
        {
            try
            {
                await hub.Clients.Group(DashboardHub.Group(scope))
                    .Ratings(new RatingActivity(sequence.Next(), now, scope, p.Count, p.Negatives, p.Latest.Reverse().ToList()));
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not push rating activity for {Scope}", scope);
            }
        }
    }

    private sealed class Pending
    {
        public int Count { get; set; }

        public int Negatives { get; set; }

        public Queue<LiveRating> Latest { get; } = new();
    }
}
