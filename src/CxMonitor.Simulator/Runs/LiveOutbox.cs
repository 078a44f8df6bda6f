using CxMonitor.Simulator.Cli;
using CxMonitor.Simulator.Generation;
using CxMonitor.Simulator.Sending;

namespace CxMonitor.Simulator.Runs;

/// <summary>
/// What live mode has generated but not yet sent. Requests go one at a time: a demo needs no
/// parallelism, and order on the wall display then matches order of generation.
/// </summary>
internal sealed class LiveOutbox(IBatchSender sender, int? batch, Action<string> log, (string Feed, string? Site, IBatchSender Sender)? push = null)
{
    private readonly List<Rating> _ratings = [];
    private readonly List<Review> _reviews = [];
    private readonly SendTotals _ratingTotals = new("ratings");
    private readonly SendTotals _reviewTotals = new("reviews");

    public string? LastError { get; set; }

    public void Add(GeneratedSlice slice)
    {
        _ratings.AddRange(slice.Ratings);
        _reviews.AddRange(slice.Reviews);
    }

    /// <summary>
    /// Sends what has accumulated; with --batch only full batches unless <paramref name="complete"/>.
    /// Items leave the outbox only once their batch is settled, so a cancelled send loses nothing.
    /// </summary>
    public async Task FlushAsync(bool complete, CancellationToken cancellationToken)
    {
        var size = batch ?? SimulatorOptions.MaxBatch;
        var partial = complete || batch is null;
        while (_ratings.Count >= size || (partial && _ratings.Count > 0))
        {
            var chunk = _ratings.GetRange(0, Math.Min(size, _ratings.Count));
            Record(_ratingTotals, await sender.SendAsync(Payloads.RatingsPath, Payloads.Serialize(chunk), chunk.Count, cancellationToken));
            _ratings.RemoveRange(0, chunk.Count);
        }
        // Reviews trickle in a few an hour: holding them back for a full batch would hide them.
        while (_reviews.Count > 0)
        {
            var chunk = _reviews.GetRange(0, Math.Min(size, _reviews.Count));
            // The platform with a push feed goes there, signed, as that platform itself would send it.
            var pushed = push is { } p ? chunk.Where(r => r.Platform == p.Feed && (p.Site is null || r.Site == p.Site)).ToList() : [];
            var posted = pushed.Count == 0 ? chunk : chunk.Except(pushed).ToList();
            if (posted.Count > 0)
                Record(_reviewTotals, await sender.SendAsync(Payloads.ReviewsPath, Payloads.Serialize(posted), posted.Count, cancellationToken));
            if (pushed.Count > 0)
                Record(_reviewTotals, await push!.Value.Sender.SendAsync(Payloads.PushPath(push.Value.Feed), Payloads.PushBody(pushed), pushed.Count, cancellationToken));
            _reviews.RemoveRange(0, chunk.Count);
        }
    }

    /// <summary>Items that failed after retries or are still waiting.</summary>
    public long Undelivered => _ratingTotals.Failed + _reviewTotals.Failed + _ratings.Count + _reviews.Count;

    public string Status() =>
        $"{_ratingTotals}; {_reviewTotals}; pending {_ratings.Count + _reviews.Count:N0}; last error: {LastError ?? "none"}";

    private void Record(SendTotals totals, BatchOutcome outcome)
    {
        totals.Record(outcome);
        if (outcome.Error is null)
            return;
        // Each new kind of error once; repeats show up in the status line every 10 s.
        if (outcome.Error != LastError)
            log(outcome.Error);
        LastError = outcome.Error;
    }
}
