using System.Runtime.InteropServices;
using CxMonitor.Core.Ratings;
using CxMonitor.Web.Ingest;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Live;

/// <summary>Turns accepted ratings (and negative reviews) into at most one message per scope per
/// flush interval, with the count and the latest few, so a burst of thousands does not flood a
/// TV. Reviews posted more than a day ago (an import, a feed's first poll) are history, not news,
/// and stay off the ticker.</summary>
public sealed class RatingActivityPush(
    IngestEvents events,
    IHubContext<DashboardHub, IDashboardClient> hub,
    LiveSequence sequence,
    IOptions<LiveOptions> options,
    TimeProvider clock,
    ILogger<RatingActivityPush> logger) : BackgroundService
{
    private const int LatestPerScope = 5;
    private const int TickerTextLength = 280;
    private static readonly TimeSpan ReviewNewsAge = TimeSpan.FromDays(1);
    private readonly object _gate = new();
    private Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private const string AllScope = "all";
    private const int MaxRememberedScopes = 10_000;
    private readonly Dictionary<string, string> _siteScopes = new(StringComparer.Ordinal);

    /// <summary>Listens before the host goes on to start the server: <see cref="ExecuteAsync"/> runs
    /// on the thread pool (.NET 10), so listening there left a moment at start in which an accepted
    /// rating never reached the ticker.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        events.RatingsAccepted += OnRatings;
        events.ReviewsAccepted += OnReviews;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await base.StopAsync(cancellationToken);
        }
        finally
        {
            events.RatingsAccepted -= OnRatings;
            events.ReviewsAccepted -= OnReviews;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Value.ActivityFlushInterval, clock);
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await FlushAsync();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void OnRatings(IReadOnlyList<ValidRating> ratings)
    {
        if (ratings.Count == 1)
        {
            OnRating(ratings[0]);
            return;
        }
        // Every rating counts, but only the last few of each scope reach a screen: from the end,
        // so that only those are built and their comments masked (issue 19). A site's scope name
        // is made once per site in the batch, not per rating.
        var all = new Tally();
        var sites = new Dictionary<string, Tally>(StringComparer.Ordinal);
        Tally? site = null;
        for (var i = ratings.Count - 1; i >= 0; i--)
        {
            var r = ratings[i];
            if (site is null || !string.Equals(site.Site, r.Site, StringComparison.Ordinal))
            {
                ref var tally = ref CollectionsMarshal.GetValueRefOrAddDefault(sites, r.Site, out _);
                site = tally ??= new Tally { Site = r.Site };
            }
            var negative = IsNegative(r);
            all.Add(i, negative);
            site.Add(i, negative);
        }
        // One entry for both scopes: built and masked once (issue 19).
        var entries = new Dictionary<int, LiveRating>();
        LiveRating Entry(int i)
        {
            if (!entries.TryGetValue(i, out var live))
                entries[i] = live = ToLive(ratings[i]);
            return live;
        }
        lock (_gate)
        {
            Add(PendingFor(AllScope), all, Entry);
            foreach (var (id, tally) in sites)
                Add(PendingFor(SiteScope(id)), tally, Entry);
        }
    }

    /// <summary>A request of one rating, the common case for terminals: no tallies, no lookup of
    /// entries, nothing allocated but the screen's entry (issue 19).</summary>
    private void OnRating(ValidRating rating)
    {
        var live = ToLive(rating);
        var negative = IsNegative(rating);
        lock (_gate)
        {
            AddOne(PendingFor(AllScope), live, negative);
            AddOne(PendingFor(SiteScope(rating.Site)), live, negative);
        }
    }

    private static bool IsNegative(ValidRating r) => r.Class.Satisfaction == Satisfaction.Dissatisfied;

    private static LiveRating ToLive(ValidRating r) =>
        new(r.Time, r.Site, RatingScales.Code(r.Scale), r.Score, r.Class.Norm,
            SatisfactionName(r.Class.Satisfaction), r.Touchpoint, r.Channel, Cut(r.Comment), r.Language);

    /// <summary>A site's scope name, made once per site rather than per batch (under the gate).
    /// Sites come from the catalog, so the names stay few; past a bound they are made anew.</summary>
    private string SiteScope(string site)
    {
        if (_siteScopes.TryGetValue(site, out var scope))
            return scope;
        scope = "site:" + site;
        if (_siteScopes.Count < MaxRememberedScopes)
            _siteScopes[site] = scope;
        return scope;
    }

    private void OnReviews(IReadOnlyList<ValidReview> reviews)
    {
        var since = clock.GetUtcNow() - ReviewNewsAge;
        lock (_gate)
        {
            foreach (var r in reviews)
            {
                if (!r.IsNegative || r.Time < since)
                    continue;
                var live = new LiveReview(r.Time, r.Site, r.Platform, r.Stars, Cut(r.Title), Cut(r.Text), r.Language, r.Url, r.Sentiment, r.Topics);
                foreach (var scope in (string[])[AllScope, SiteScope(r.Site)])
                {
                    var p = PendingFor(scope);
                    p.ReviewCount++;
                    p.Reviews.Enqueue(live);
                    if (p.Reviews.Count > LatestPerScope)
                        p.Reviews.Dequeue();
                }
            }
        }
    }

    // Screens are public: e-mail addresses and phone numbers a customer typed are masked first.
    private static string? Cut(string? text)
    {
        if (text is null)
            return null;
        var masked = CxMonitor.Web.Access.PersonalData.Mask(text);
        return masked.Length > TickerTextLength ? masked[..(TickerTextLength - 1)] + "…" : masked;
    }

    private Pending PendingFor(string scope)
    {
        if (!_pending.TryGetValue(scope, out var p))
            _pending[scope] = p = new Pending();
        return p;
    }

    private static void Add(Pending p, Tally tally, Func<int, LiveRating> entry)
    {
        p.Count += tally.Count;
        p.Negatives += tally.Negatives;
        // Oldest first, as they came.
        for (var k = tally.Latest.Count - 1; k >= 0; k--)
            Keep(p, entry(tally.Latest[k]));
    }

    private static void AddOne(Pending p, LiveRating live, bool negative)
    {
        p.Count++;
        if (negative)
            p.Negatives++;
        Keep(p, live);
    }

    private static void Keep(Pending p, LiveRating live)
    {
        p.Latest.Enqueue(live);
        if (p.Latest.Count > LatestPerScope)
            p.Latest.Dequeue();
    }

    private static string SatisfactionName(Satisfaction s) => s switch
    {
        Satisfaction.Satisfied => "satisfied",
        Satisfaction.Neutral => "neutral",
        Satisfaction.Dissatisfied => "dissatisfied",
        _ => s.ToString().ToLowerInvariant(),
    };

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
                var group = hub.Clients.Group(DashboardHub.Group(scope));
                if (p.Count > 0)
                    await group.Ratings(new RatingActivity(sequence.Next(), now, scope, p.Count, p.Negatives, p.Latest.Reverse().ToList()));
                if (p.ReviewCount > 0)
                    await group.Reviews(new ReviewActivity(sequence.Next(), now, scope, p.ReviewCount, p.Reviews.Reverse().ToList()));
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not push rating activity for {Scope}", scope);
            }
        }
    }

    /// <summary>One scope's share of a batch of ratings, read from its end.</summary>
    private sealed class Tally
    {
        public string? Site { get; init; }

        public int Count { get; private set; }

        public int Negatives { get; private set; }

        /// <summary>Indexes in the batch of its last ratings, newest first.</summary>
        public List<int> Latest { get; } = new(LatestPerScope);

        public void Add(int index, bool negative)
        {
            Count++;
            if (negative)
                Negatives++;
            if (Latest.Count < LatestPerScope)
                Latest.Add(index);
        }
    }

    private sealed class Pending
    {
        public int Count { get; set; }

        public int Negatives { get; set; }

        public Queue<LiveRating> Latest { get; } = new();

        public int ReviewCount { get; set; }

        public Queue<LiveReview> Reviews { get; } = new();
    }
}
