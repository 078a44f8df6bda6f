using System.Globalization;
using System.Security.Claims;
using System.Text;
using CxMonitor.Web.Access;
using CxMonitor.Web.Data;
using CxMonitor.Web.Ingest.Spool;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Sites;
using Dapper;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Ingest;

/// <summary>Stores reviews once per (platform, external id): a resend is a duplicate, an edit
/// rewrites the same point. The review index commits only after the spool has the points.</summary>
public sealed class ReviewIngest(
    WriteAheadSpool spool,
    SiteCatalog sites,
    AppStateDb db,
    IngestCounters counters,
    IngestEvents events,
    RollupBacklog rollupBacklog,
    ReviewSignals signals,
    IOptions<IngestOptions> options,
    IOptions<InfluxStorageOptions> storage,
    TimeProvider clock)
{
    private readonly ReviewValidator _validator = new(options.Value, TimeSpan.FromDays(storage.Value.RawRetentionDays));

    public async Task<IngestOutcome> IngestAsync(IReadOnlyList<IngestItem> items, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new List<ItemError>();
        var latest = new Dictionary<(string, string), ValidReview>();
        var positions = new Dictionary<(string, string), int>();
        var now = clock.GetUtcNow();
        var forbidden = 0;
        var keySites = ApiKeyClaims.Sites(user);
        foreach (var item in items)
        {
            var review = _validator.Validate(item, now, id => sites.TryGet(id, out _), errors);
            if (review is null)
                continue;
            if (!SiteScope.Allows(keySites, item.Index, review.Site, errors))
            {
                forbidden++;
                continue;
            }
            latest[(review.Platform, review.ExternalId)] = signals.Apply(review); // the last edit in a request wins
            positions[(review.Platform, review.ExternalId)] = item.Index;
        }
        if (latest.Count == 0)
        {
            counters.Counted(0, items.Count, 0);
            return IngestOutcome.NoneValid(items.Count, forbidden, errors, "reviews");
        }

        var stored = await StoreAsync(latest.Values.ToList(), ct, site => ApiKeyClaims.CanWriteSite(keySites, site));
        if (stored.Full is not null)
            return new IngestOutcome(IngestStatus.Full, new IngestSummary(0, 0, errors), stored.Full);
        foreach (var identity in stored.Refused)
        {
            forbidden++;
            errors.Add(new ItemError(positions[identity], "site", ReviewStoreResult.RefusedMessage));
        }
        var rejected = errors.Select(e => e.Index).Distinct().Count();
        if (stored.Added + stored.Updated + stored.Duplicates == 0 && forbidden == items.Count)
        {
            counters.Counted(0, items.Count, 0);
            return IngestOutcome.NoneValid(items.Count, forbidden, errors, "reviews");
        }
        var duplicates = items.Count - rejected - (latest.Count - stored.Refused.Count) + stored.Duplicates;
        counters.Counted(stored.Added + stored.Updated, rejected, duplicates);
        return new IngestOutcome(IngestStatus.Accepted, new IngestSummary(stored.Added, duplicates, errors) { Updated = stored.Updated });
    }

    /// <summary>Stores valid reviews (one per identity): new ones and edits go to the spool, the
    /// review index commits after the spool has them. A removal of a review never stored is a no-op.</summary>
    /// <param name="mayWrite">Whether the caller may write a site. An edit or removal is checked
    /// against the site the review is stored under (the index), not the site the request names:
    /// the point is rewritten there. Null: no limit (an admin).</param>
    public async Task<ReviewStoreResult> StoreAsync(IReadOnlyList<ValidReview> reviews, CancellationToken ct, Func<string, bool>? mayWrite = null)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Read, decide and write under one lock, also across nodes: a review two nodes take at
        // once is counted (and stored) once.
        await db.Dialect.LockForTransactionAsync(connection, tx, AppStateLocks.ReviewIndex, ct);
        var index = await KnownAsync(connection, tx, db.Dialect, reviews, ct);
        var sb = new StringBuilder(reviews.Count * 300);
        var stored = new List<ValidReview>();
        var refused = new List<(string, string)>();
        int added = 0, updated = 0, duplicates = 0;
        var stamp = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        using var rows = new MemoryStream();
        using var indexRows = new System.Text.Json.Utf8JsonWriter(rows);
        indexRows.WriteStartArray();
        foreach (var r in reviews)
        {
            var hash = ReviewPoints.ContentHash(r);
            var known = index.TryGetValue((r.Platform, r.ExternalId), out var k) ? k : ((string Site, long TsNs, long Hash)?)null;
            // Checked inside the transaction: the index is read and written under one lock.
            if (known is { } elsewhere && mayWrite is not null && !mayWrite(elsewhere.Site))
            {
                refused.Add((r.Platform, r.ExternalId));
                continue;
            }
            if ((known is { } same && same.Hash == hash) || (known is null && r.Removed))
            {
                duplicates++;
                continue;
            }
            var (site, ts) = known is { } old ? (old.Site, old.TsNs) : (r.Site, ReviewPoints.FirstTimestampNs(r));
            if (sb.Length > 0)
                sb.Append('\n');
            ReviewPoints.Append(sb, r, site, ts, firstVersion: known is null);
            // Listeners see the review where its point is: an edit stays at the first version's time.
            stored.Add(r with { Site = site, Time = DateTimeOffset.FromUnixTimeMilliseconds(ts / 1_000_000) });
            if (known is null)
                added++;
            else
                updated++;
            indexRows.WriteStartArray();
            indexRows.WriteStringValue(r.Platform);
            indexRows.WriteStringValue(r.ExternalId);
            indexRows.WriteStringValue(site);
            indexRows.WriteNumberValue(ts);
            indexRows.WriteNumberValue(hash);
            indexRows.WriteEndArray();
            index[(r.Platform, r.ExternalId)] = (site, ts, hash); // a second version later in the batch is an edit
        }
        indexRows.WriteEndArray();
        indexRows.Flush();
        if (stored.Count > 0)
        {
            // The whole batch in one statement: binding parameters row by row was a tenth of an import's CPU.
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO review_index (platform, external_id, site, ts_ns, content_hash, first_seen, updated_at)
                SELECT value ->> 0, value ->> 1, value ->> 2, CAST(value ->> 3 AS BIGINT), CAST(value ->> 4 AS BIGINT), @stamp, @stamp
                FROM {db.Dialect.JsonRows("@rows")} WHERE true
                ON CONFLICT (platform, external_id) DO UPDATE SET content_hash = excluded.content_hash, updated_at = excluded.updated_at
                """, new { stamp, rows = Encoding.UTF8.GetString(rows.GetBuffer(), 0, (int)rows.Length) }, tx, cancellationToken: ct));
        }
        if (stored.Count > 0)
        {
            try
            {
                await spool.AppendAsync(Encoding.UTF8.GetBytes(sb.ToString()), stored.Count, ratings: []);
            }
            catch (SpoolFullException ex)
            {
                return new ReviewStoreResult(0, 0, 0, ex.Message) { Refused = refused };
            }
        }
        await tx.CommitAsync(ct);
        // After the commit (the open transaction holds the write lock), yet before the answer: a
        // crash in between loses the index rows too, so a resend is stored again and held then.
        if (stored.Count > 0)
            (await rollupBacklog.HoldAsync(stored.Select(r => r.Time))).Dispose();
        events.Accepted(stored);
        return new ReviewStoreResult(added, updated, duplicates, null) { Refused = refused };
    }

    /// <summary>What the review index holds for the batch's reviews: one query per platform, the
    /// ids passed as one JSON array (parameters bound one by one cost more than the lookups).</summary>
    private static async Task<Dictionary<(string, string), (string Site, long TsNs, long Hash)>> KnownAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, AppStateDialect dialect, IReadOnlyList<ValidReview> reviews, CancellationToken ct)
    {
        var known = new Dictionary<(string, string), (string Site, long TsNs, long Hash)>();
        foreach (var platform in reviews.GroupBy(r => r.Platform))
        {
            var ids = System.Text.Json.JsonSerializer.Serialize(platform.Select(r => r.ExternalId));
            var rows = await connection.QueryAsync<(string ExternalId, string Site, long TsNs, long Hash)>(new CommandDefinition(
                $"SELECT external_id, site, ts_ns, content_hash FROM review_index WHERE platform = @p AND external_id IN (SELECT value FROM {dialect.JsonTexts("@ids")})",
                new { p = platform.Key, ids }, tx, cancellationToken: ct));
            foreach (var row in rows)
                known[(platform.Key, row.ExternalId)] = (row.Site, row.TsNs, row.Hash);
        }
        return known;
    }
}

/// <param name="Full">Set when the spool refused the batch: nothing of it was stored.</param>
public sealed record ReviewStoreResult(int Added, int Updated, int Duplicates, string? Full)
{
    /// <summary>Said for a review stored under a site the caller may not write. It names neither
    /// that site nor that the review exists: the caller learns nothing of other sites.</summary>
    public const string RefusedMessage = "this caller may not write this review";

    /// <summary>(platform, external id) of edits and removals refused: stored under a site the caller may not write.</summary>
    public IReadOnlyList<(string Platform, string ExternalId)> Refused { get; init; } = [];
}
