using CxMonitor.Web.Data;
using Dapper;

namespace CxMonitor.Web.Feeds;

/// <summary>Where a feed stands, as kept between polls and across restarts.</summary>
public sealed record FeedState
{
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public string? Cursor { get; init; }
    public DateTimeOffset? HighWater { get; init; }
    public DateTimeOffset? LastAttempt { get; init; }
    public DateTimeOffset? LastSuccess { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? LastErrorAt { get; init; }
    public int Failures { get; init; }
    public DateTimeOffset? RetryAt { get; init; }
    public long ItemsSeen { get; init; }
    public long ItemsNew { get; init; }
    public long ItemsUpdated { get; init; }
    public long ItemsRejected { get; init; }
}

public sealed class FeedStateStore(AppStateDb db)
{
    public async Task<FeedState> GetAsync(string name, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT etag AS ETag, last_modified AS LastModified, cursor AS Cursor, high_water AS HighWater, last_attempt AS LastAttempt,
                   last_success AS LastSuccess, last_error AS LastError, last_error_at AS LastErrorAt, failures AS Failures, retry_at AS RetryAt,
                   items_seen AS ItemsSeen, items_new AS ItemsNew, items_updated AS ItemsUpdated, items_rejected AS ItemsRejected
            FROM feed_state WHERE name = @name
            """, new { name }, cancellationToken: ct));
        return row?.ToState() ?? new FeedState();
    }

    public async Task SaveAsync(string name, FeedState s, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO feed_state (name, etag, last_modified, cursor, high_water, last_attempt, last_success, last_error, last_error_at,
                                    failures, retry_at, items_seen, items_new, items_updated, items_rejected)
            VALUES (@name, @ETag, @LastModified, @Cursor, @HighWater, @LastAttempt, @LastSuccess, @LastError, @LastErrorAt,
                    @Failures, @RetryAt, @ItemsSeen, @ItemsNew, @ItemsUpdated, @ItemsRejected)
            ON CONFLICT (name) DO UPDATE SET etag = @ETag, last_modified = @LastModified, cursor = @Cursor, high_water = @HighWater,
                last_attempt = @LastAttempt, last_success = @LastSuccess, last_error = @LastError, last_error_at = @LastErrorAt,
                failures = @Failures, retry_at = @RetryAt, items_seen = @ItemsSeen, items_new = @ItemsNew,
                items_updated = @ItemsUpdated, items_rejected = @ItemsRejected
            """,
            new
            {
                name, s.ETag, s.LastModified, s.Cursor, HighWater = T(s.HighWater), LastAttempt = T(s.LastAttempt), LastSuccess = T(s.LastSuccess),
                s.LastError, LastErrorAt = T(s.LastErrorAt), s.Failures, RetryAt = T(s.RetryAt), s.ItemsSeen, s.ItemsNew, s.ItemsUpdated, s.ItemsRejected,
            }, cancellationToken: ct));
    }

    /// <summary>Counts a pushed message, added in SQL so that pushes at the same time all count.</summary>
    public async Task RecordPushAsync(string name, FeedIntakeResult r, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO feed_state (name, last_attempt, last_success, items_seen, items_new, items_updated, items_rejected)
            VALUES (@name, @now, @now, @Seen, @New, @Updated, @RejectedCount)
            ON CONFLICT (name) DO UPDATE SET last_attempt = @now, last_success = @now, items_seen = feed_state.items_seen + @Seen,
                items_new = feed_state.items_new + @New, items_updated = feed_state.items_updated + @Updated,
                items_rejected = feed_state.items_rejected + @RejectedCount
            """, new { name, now = SqliteTime.Format(now), r.Seen, r.New, r.Updated, r.RejectedCount }, cancellationToken: ct));
    }

    /// <summary>Records a pushed message's signature; false when it was taken before (a replay).</summary>
    public async Task<bool> TryTakePushAsync(string feed, string signature, DateTimeOffset now, TimeSpan keep, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM feed_push_seen WHERE seen_at < @before",
            new { before = SqliteTime.Format(now - keep) }, cancellationToken: ct));
        return await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO feed_push_seen (feed, signature, seen_at) VALUES (@feed, @signature, @now) ON CONFLICT DO NOTHING",
            new { feed, signature, now = SqliteTime.Format(now) }, cancellationToken: ct)) == 1;
    }

    private static string? T(DateTimeOffset? t) => t is { } v ? SqliteTime.Format(v) : null;

    private sealed record Row(string? ETag, string? LastModified, string? Cursor, string? HighWater, string? LastAttempt, string? LastSuccess,
        string? LastError, string? LastErrorAt, long Failures, string? RetryAt, long ItemsSeen, long ItemsNew, long ItemsUpdated, long ItemsRejected)
    {
        public FeedState ToState() => new()
        {
            ETag = ETag, LastModified = LastModified, Cursor = Cursor, HighWater = SqliteTime.ParseOrNull(HighWater),
            LastAttempt = SqliteTime.ParseOrNull(LastAttempt), LastSuccess = SqliteTime.ParseOrNull(LastSuccess), LastError = LastError,
            LastErrorAt = SqliteTime.ParseOrNull(LastErrorAt), Failures = (int)Failures, RetryAt = SqliteTime.ParseOrNull(RetryAt),
            ItemsSeen = ItemsSeen, ItemsNew = ItemsNew, ItemsUpdated = ItemsUpdated, ItemsRejected = ItemsRejected,
        };
    }
}
