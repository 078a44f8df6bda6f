using System.Security.Cryptography;
using System.Text;
using CxMonitor.Web.Data;
using Dapper;

namespace CxMonitor.Web.Pages;

public sealed record DisplayToken(string Id, string Name, string Board, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? PairedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastSeenAt);

/// <summary>Wall screens' tokens: <c>cxd_&lt;id&gt;_&lt;secret&gt;</c>, shown once, stored hashed. A
/// validated token is trusted for 10 s without asking the database, so a screen's many requests
/// do not each write its last-seen time; a revocation here takes effect at once, one made by
/// another node within those 10 s.</summary>
public sealed class DisplayTokens(AppStateDb db, TimeProvider clock)
{
    private static readonly TimeSpan Trust = TimeSpan.FromSeconds(10);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DisplayToken Token, DateTimeOffset Until)> _validated = new(StringComparer.Ordinal);
    // Ids revoked on this node: a validation that read the row just before the revocation must
    // not put the token back into the trusted set.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _revoked = new(StringComparer.Ordinal);

    private const string Select = """
        SELECT id AS Id, name AS Name, board AS Board, created_at AS CreatedAt, created_by AS CreatedBy,
               paired_at AS PairedAt, revoked_at AS RevokedAt, last_seen_at AS LastSeenAt FROM display_tokens
        """;

    public async Task<(DisplayToken Token, string Secret)> CreateAsync(string name, string board, string by, CancellationToken ct)
    {
        var id = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 10);
        var token = $"cxd_{id}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=')}";
        var now = clock.GetUtcNow();
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("INSERT INTO display_tokens (id, name, board, token_hash, created_at, created_by) VALUES (@id, @name, @board, @hash, @now, @by)",
            new { id, name, board, hash = Hash(token), now = SqliteTime.Format(now), by });
        return (new DisplayToken(id, name, board, now, by, null, null, null), token);
    }

    public async Task<IReadOnlyList<DisplayToken>> ListAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Row>(new CommandDefinition(Select + " ORDER BY created_at", cancellationToken: ct))).Select(r => r.ToToken()).ToArray();
    }

    public async Task<bool> RevokeAsync(string id, CancellationToken ct)
    {
        Forget(id);
        await using var c = await db.OpenAsync(ct);
        var found = await c.ExecuteAsync("UPDATE display_tokens SET revoked_at = COALESCE(revoked_at, @now) WHERE id = @id",
            new { id, now = SqliteTime.Format(clock.GetUtcNow()) }) > 0;
        if (found)
            Revoked?.Invoke(id);
        return found;
    }

    /// <summary>Raised after a token was revoked here (its id), so other nodes stop trusting it.</summary>
    public event Action<string>? Revoked;

    /// <summary>Revoked here or on another node: no longer trusted from this node's memory.</summary>
    public void Forget(string id)
    {
        _revoked[id] = true;
        foreach (var key in _validated.Where(p => p.Value.Token.Id == id).Select(p => p.Key).ToList())
            _validated.TryRemove(key, out _);
    }

    /// <summary>Whether the token exists and is not revoked, read from app state: open live
    /// connections of screens are checked with it.</summary>
    public async Task<bool> IsActiveAsync(string id, CancellationToken ct)
    {
        if (_revoked.ContainsKey(id))
            return false;
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM display_tokens WHERE id = @id AND revoked_at IS NULL", new { id }, cancellationToken: ct)) > 0;
    }

    /// <summary>The screen's token if it is valid and not revoked; marks it seen (and paired on first use).</summary>
    public async Task<DisplayToken?> ValidateAsync(string token, CancellationToken ct)
    {
        var parts = token.Split('_', 3); // the secret is base64url and may itself hold '_'
        if (parts is not ["cxd", var id, _] || id.Length != 10)
            return null;
        var now = clock.GetUtcNow();
        var hash = Convert.ToHexString(Hash(token));
        if (_revoked.ContainsKey(id))
            return null;
        if (_validated.TryGetValue(hash, out var cached) && cached.Until > now)
            return cached.Token;
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(string Id, byte[] Hash, string? RevokedAt)>(
            "SELECT id, token_hash, revoked_at FROM display_tokens WHERE id = @id", new { id });
        if (row.Id is null || row.RevokedAt is not null || !CryptographicOperations.FixedTimeEquals(row.Hash, Hash(token)))
            return null;
        await c.ExecuteAsync("UPDATE display_tokens SET last_seen_at = @Now, paired_at = COALESCE(paired_at, @Now) WHERE id = @id", new { id, Now = SqliteTime.Format(now) });
        var display = (await c.QuerySingleAsync<Row>(Select + " WHERE id = @id", new { id })).ToToken();
        _validated[hash] = (display, now + Trust);
        return _revoked.ContainsKey(id) ? null : display;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private sealed record Row(string Id, string Name, string Board, string CreatedAt, string CreatedBy, string? PairedAt, string? RevokedAt, string? LastSeenAt)
    {
        public DisplayToken ToToken() => new(Id, Name, Board, SqliteTime.Parse(CreatedAt), CreatedBy, SqliteTime.ParseOrNull(PairedAt), SqliteTime.ParseOrNull(RevokedAt), SqliteTime.ParseOrNull(LastSeenAt));
    }
}
