using System.Security.Claims;
using CxMonitor.Influx;
using CxMonitor.Web.Access;
using CxMonitor.Web.Data;
using CxMonitor.Web.Ingest.Ids;
using CxMonitor.Web.Ingest.Spool;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Sites;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Ingest;

/// <summary>Validates a batch of ratings, makes the valid ones durable in the spool, and only
/// then reports them accepted. Invalid items are reported and never block valid ones.</summary>
public sealed class RatingIngest(
    RatingLedger ledger,
    StoredPointsLookup lookup,
    WriteAheadSpool spool,
    SiteCatalog sites,
    IngestCounters counters,
    IngestEvents events,
    RollupBacklog rollupBacklog,
    IOptions<IngestOptions> options,
    IOptions<InfluxStorageOptions> storage,
    TimeProvider clock)
{
    private readonly RatingValidator _validator = new(options.Value, TimeSpan.FromDays(storage.Value.RawRetentionDays));

    /// <summary>A JSON body's items, the common valid rating already validated as it was read
    /// (<see cref="RatingJsonBody"/>); pass the same <paramref name="now"/> to <see cref="IngestAsync"/>.</summary>
    /// <exception cref="System.Text.Json.JsonException">The body is not well-formed.</exception>
    public List<IngestItem> ReadJson(ReadOnlyMemory<byte> body, ClaimsPrincipal user, DateTimeOffset now) =>
        RatingJsonBody.Read(body.Span, _validator, now, SiteExists, Source(user));

    /// <param name="now">The time the items were read at, when they were read with <see cref="ReadJson"/>.</param>
    public async Task<IngestOutcome> IngestAsync(IReadOnlyList<IngestItem> items, ClaimsPrincipal user, DateTimeOffset? now = null)
    {
        var errors = new List<ItemError>();
        var valid = new List<ValidRating>(items.Count);
        var itemIndexes = new List<int>(items.Count);
        var forbidden = 0;
        var keySites = ApiKeyClaims.Sites(user);
        var at = now ?? clock.GetUtcNow();
        var source = Source(user);
        foreach (var item in items)
        {
            var rating = item.Rating ?? _validator.Validate(item, at, SiteExists, source, errors);
            if (rating is null)
                continue;
            if (!SiteScope.Allows(keySites, item.Index, rating.Site, errors))
            {
                forbidden++;
                continue;
            }
            valid.Add(rating);
            itemIndexes.Add(item.Index);
        }

        if (valid.Count == 0)
        {
            counters.Counted(0, items.Count, 0);
            return IngestOutcome.NoneValid(items.Count, forbidden, errors, "ratings");
        }

        // The lines go straight into pooled UTF-8 memory, which the spool writes as it is.
        using var lines = new RatingLines(valid.Count);
        var candidates = new List<LedgerCandidate>(valid.Count);
        for (var i = 0; i < valid.Count; i++)
        {
            var r = valid[i];
            candidates.Add(new LedgerCandidate(i, StableHash.Of(r.Source, r.Id), lines.SeriesHash(r), r.Time.ToUnixTimeMilliseconds()));
        }
        // Back-fills older than the ledger's memory: what InfluxDB holds in their milliseconds.
        StoredPoints? outside = null;
        var horizon = ledger.HorizonMs;
        if (horizon != long.MinValue)
        {
            var old = candidates.Where(c => c.Millisecond <= horizon).Select(c => c.Millisecond).ToList();
            if (old.Count > 0)
            {
                try
                {
                    outside = await lookup.FindAsync(old, CancellationToken.None);
                }
                catch (Exception ex) when (ex is InfluxException or HttpRequestException or TaskCanceledException)
                {
                    return new IngestOutcome(IngestStatus.CannotCheck, new IngestSummary(0, 0, errors),
                        "Ratings older than the collector's id memory are checked against InfluxDB before they are stored, and InfluxDB cannot be reached (" + ex.Message + ").");
                }
            }
        }
        var duplicates = 0;
        var stored = 0;
        // Ids another request is storing right now: wait for its outcome, then ask again (it is
        // a duplicate if that write succeeded, ours to store if it failed).
        while (candidates.Count > 0)
        {
            var reservation = ledger.Reserve(candidates, outside);
            duplicates += reservation.Duplicates;
            if (reservation.Taken.Count > 0)
            {
                var fresh = new List<ValidRating>(reservation.Taken.Count);
                try
                {
                    // Inside the try: whatever fails between reserving and the spool write must
                    // release the ids, or a resend of them would wait for an outcome forever.
                    lines.Clear();
                    foreach (var entry in reservation.Taken)
                    {
                        lines.Append(valid[entry.Index], entry.TimestampNs);
                        fresh.Add(valid[entry.Index]);
                    }
                    // The hours wait for their rollup durably before a rating in them can be acknowledged.
                    using var waiting = await rollupBacklog.HoldAsync(fresh.Select(r => r.Time));
                    // Awaited before the lines are cleared or returned to the pool: the spool writes from them.
                    await spool.AppendAsync(lines.Written, fresh.Count, reservation.Taken);
                }
                catch (SpoolFullException ex)
                {
                    reservation.Release();
                    if (stored == 0)
                        return new IngestOutcome(IngestStatus.Full, new IngestSummary(0, 0, errors), ex.Message);
                    // Part of the request is stored already: name what is not, so it is sent again.
                    foreach (var entry in reservation.Taken)
                        errors.Add(new ItemError(itemIndexes[entry.Index], "(item)", ex.Message + " Send this item again later."));
                    break;
                }
                catch
                {
                    reservation.Release();
                    throw;
                }
                reservation.Commit();
                stored += fresh.Count;
                events.Accepted(fresh);
            }
            else
            {
                reservation.Release();
            }
            if (reservation.Waiting.Count == 0)
                break;
            await Task.WhenAll(reservation.Waiting.Select(w => w.Outcome));
            candidates = reservation.Waiting.Select(w => w.Candidate).ToList();
        }
        var rejectedItems = errors.Select(e => e.Index).Distinct().Count();
        counters.Counted(stored, rejectedItems, duplicates);
        return new IngestOutcome(IngestStatus.Accepted, new IngestSummary(stored, duplicates, errors));
    }

    private bool SiteExists(string id) => sites.TryGet(id, out _);

    private static string Source(ClaimsPrincipal user) => ApiKeyClaims.Source(user) ?? "api";
}
