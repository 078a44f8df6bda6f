using System.Text.Json;
using CxMonitor.Web.Data;
using CxMonitor.Web.Ingest;
using CxMonitor.Web.Sites;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Feeds;

/// <summary>What a batch of feed reviews came to.</summary>
public sealed record FeedIntakeResult(int Seen, int New, int Updated, int Duplicates, IReadOnlyList<FeedItemError> Rejected, string? Full)
{
    public static FeedIntakeResult operator +(FeedIntakeResult a, FeedIntakeResult b) =>
        new(a.Seen + b.Seen, a.New + b.New, a.Updated + b.Updated, a.Duplicates + b.Duplicates,
            a.Rejected.Count >= FeedIntake.MaxReportedErrors ? a.Rejected : [.. a.Rejected, .. b.Rejected.Take(FeedIntake.MaxReportedErrors - a.Rejected.Count)],
            a.Full ?? b.Full) { RejectedCount = a.RejectedCount + b.RejectedCount };

    public static readonly FeedIntakeResult None = new(0, 0, 0, 0, [], null);

    /// <summary>All rejected items; <see cref="Rejected"/> lists the first of them.</summary>
    public int RejectedCount { get; init; }
}

/// <summary>A batch checked and ready to store: one valid review per identity (the last wins).</summary>
/// <param name="MayWrite">The caller's site limit, applied again to the site an edited review is stored under.</param>
/// <param name="Positions">Each valid review's item index, for reporting a refused edit.</param>
public sealed record PreparedReviews(int Count, IReadOnlyList<ValidReview> Valid, IReadOnlyList<FeedItemError> Errors, int Rejected,
    Func<string, bool>? MayWrite = null, IReadOnlyDictionary<string, int>? Positions = null);

/// <summary>Puts reviews read from a feed, a push or an import through the same checks as
/// <c>POST /api/v1/reviews</c> (each review becomes the JSON item that endpoint takes, so the
/// rules and their messages are one), then stores them with the feed's site and platform.</summary>
public sealed class FeedIntake(ReviewIngest ingest, ReviewSignals signals, SiteCatalog sites, IOptions<IngestOptions> options, IOptions<InfluxStorageOptions> storage, TimeProvider clock)
{
    public const int MaxReportedErrors = 100;
    private readonly ReviewValidator _validator = new(options.Value, TimeSpan.FromDays(storage.Value.RawRetentionDays));

    /// <param name="site">The feed's site, for reviews whose source does not name one.</param>
    public Task<FeedIntakeResult> TakeAsync(IReadOnlyList<FeedReview> reviews, string platform, string? site, Func<string, bool>? mayWrite, CancellationToken ct, int indexOffset = 0) =>
        StoreAsync(Prepare(reviews, platform, site, mayWrite, indexOffset), ct);

    /// <summary>The checks and the text signals, with no I/O: an import prepares its next batch
    /// while the previous one is being stored.</summary>
    public PreparedReviews Prepare(IReadOnlyList<FeedReview> reviews, string platform, string? site, Func<string, bool>? mayWrite, int indexOffset = 0)
    {
        var errors = new List<FeedItemError>();
        var latest = new Dictionary<string, ValidReview>(StringComparer.Ordinal);
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        using var document = JsonDocument.Parse(ToJson(reviews, platform, site));
        var i = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var itemErrors = new List<ItemError>();
            var review = _validator.Validate(new IngestItem(i, element, null), now, id => sites.TryGet(id, out _), itemErrors);
            if (review is not null && mayWrite is not null && !mayWrite(review.Site))
                itemErrors.Add(new ItemError(i, "site", $"this key may not write site '{review.Site}'"));
            if (itemErrors.Count > 0 || review is null)
                errors.AddRange(itemErrors.Select(e => new FeedItemError(indexOffset + i, e.Field, $"review '{reviews[i].ExternalId}': {e.Error}")));
            else
            {
                latest[review.ExternalId] = signals.Apply(review);
                positions[review.ExternalId] = indexOffset + i;
            }
            i++;
        }
        return new PreparedReviews(reviews.Count, [.. latest.Values], errors, errors.Select(e => e.Index).Distinct().Count(), mayWrite, positions);
    }

    public async Task<FeedIntakeResult> StoreAsync(PreparedReviews prepared, CancellationToken ct)
    {
        var stored = prepared.Valid.Count == 0 ? new ReviewStoreResult(0, 0, 0, null) : await ingest.StoreAsync(prepared.Valid, ct, prepared.MayWrite);
        var sameInBatch = prepared.Count - prepared.Rejected - prepared.Valid.Count;
        var errors = prepared.Errors.ToList();
        foreach (var (_, externalId) in stored.Refused)
            errors.Add(new FeedItemError(prepared.Positions![externalId], "site", $"review '{externalId}': {ReviewStoreResult.RefusedMessage}"));
        return new FeedIntakeResult(prepared.Count, stored.Added, stored.Updated, stored.Duplicates + sameInBatch, errors.Take(MaxReportedErrors).ToList(), stored.Full)
        {
            RejectedCount = prepared.Rejected + stored.Refused.Count,
        };
    }

    private static byte[] ToJson(IReadOnlyList<FeedReview> reviews, string platform, string? site)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var r in reviews)
            {
                w.WriteStartObject();
                w.WriteString("platform", platform);
                w.WriteString("externalId", r.ExternalId);
                if (r.Time is { } time)
                    w.WriteString("time", time);
                if (r.Stars is { } stars)
                    w.WriteNumber("stars", stars);
                Optional(w, "title", r.Title);
                Optional(w, "text", r.Text);
                Optional(w, "author", r.Author);
                Optional(w, "url", r.Url);
                Optional(w, "language", r.Language);
                Optional(w, "site", r.Site ?? site);
                if (r.Deleted)
                    w.WriteBoolean("deleted", true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return buffer.ToArray();
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            w.WriteString(name, value);
    }
}
