using System.Security.Claims;
using System.Text;
using CxMonitor.Web.Access;
using CxMonitor.Web.Data;
using CxMonitor.Web.Ingest.Spool;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Sites;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Ingest;

/// <summary>Validates a batch of ratings, makes the valid ones durable in the spool, and only
/// then reports them accepted. Invalid items are reported and never block valid ones.</summary>
public sealed class RatingIngest(
    RecentIds recent,
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

    public async Task<IngestOutcome> IngestAsync(IReadOnlyList<IngestItem> items, ClaimsPrincipal user)
    {
        var errors = new List<ItemError>();
        var valid = new List<ValidRating>(items.Count);
        var forbidden = 0;
        var now = clock.GetUtcNow();
        var source = ApiKeyClaims.Source(user) ?? "api";
        foreach (var item in items)
        {
            var rating = _validator.Validate(item, now, id => sites.TryGet(id, out _), source, errors);
            if (rating is null)
                continue;
            if (!SiteScope.Allows(user, item.Index, rating.Site, errors))
            {
                forbidden++;
                continue;
            }
            valid.Add(rating);
        }

        var fresh = new List<ValidRating>(valid.Count);
        var hashes = new ulong[valid.Count];
        var inRequest = new HashSet<ulong>(valid.Count);
        var duplicates = 0;
        foreach (var r in valid)
        {
            var hash = RecentIds.Hash(r.Source, r.Id);
            if (!inRequest.Add(hash) || recent.Contains(hash))
            {
                duplicates++;
                continue;
            }
            hashes[fresh.Count] = hash;
            fresh.Add(r);
        }

        if (valid.Count == 0)
        {
            counters.Counted(0, items.Count, 0);
            return IngestOutcome.NoneValid(items.Count, forbidden, errors, "ratings");
        }

        if (fresh.Count > 0)
        {
            var sb = new StringBuilder(fresh.Count * 256);
            for (var i = 0; i < fresh.Count; i++)
            {
                if (i > 0)
                    sb.Append('\n');
                RatingPoints.Append(sb, fresh[i]);
            }
            // The hours wait for their rollup durably before a rating in them can be acknowledged.
            using var waiting = await rollupBacklog.HoldAsync(fresh.Select(r => r.Time));
            try
            {
                await spool.AppendAsync(Encoding.UTF8.GetBytes(sb.ToString()), fresh.Count);
            }
            catch (SpoolFullException ex)
            {
                return new IngestOutcome(IngestStatus.Full, new IngestSummary(0, 0, errors), ex.Message);
            }
            recent.AddRange(hashes.AsSpan(0, fresh.Count));
            events.Accepted(fresh);
        }
        var rejectedItems = errors.Select(e => e.Index).Distinct().Count();
        counters.Counted(fresh.Count, rejectedItems, duplicates);
        return new IngestOutcome(IngestStatus.Accepted, new IngestSummary(fresh.Count, duplicates, errors));
    }
}
