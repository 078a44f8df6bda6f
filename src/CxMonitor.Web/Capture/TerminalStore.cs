using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CxMonitor.Web.Data;
using Dapper;

namespace CxMonitor.Web.Capture;

public sealed record TerminalSettings(string Name, string Site, string Touchpoint, string Channel, string Scale,
    IReadOnlyDictionary<string, string> Question, bool FollowUp, TimeSpan RepeatWindow);

/// <summary>Terminals and their secrets. A pairing code (<c>cxp_&lt;id&gt;_&lt;secret&gt;</c>) works
/// once: pairing clears it and gives the screen its own device token (<c>cxt_…</c>), so a pairing
/// link seen later (a chat, a browser history) opens nothing. Only SHA-256 hashes are kept. A
/// validated device token is trusted for 10 s (as wall screens' are); a revocation on this node
/// takes effect at once.</summary>
public sealed class TerminalStore(AppStateDb db, TimeProvider clock)
{
    private static readonly TimeSpan Trust = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (Terminal Terminal, DateTimeOffset Until)> _validated = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _revoked = new(StringComparer.Ordinal);

    private const string Select = """
        SELECT id AS Id, name AS Name, site AS Site, touchpoint AS Touchpoint, channel AS Channel, scale AS Scale, question AS Question,
               follow_up AS FollowUp, repeat_ms AS RepeatMs, repeats AS Repeats, created_at AS CreatedAt, created_by AS CreatedBy,
               paired_at AS PairedAt, revoked_at AS RevokedAt, last_seen_at AS LastSeenAt FROM capture_terminals
        """;

    public async Task<(Terminal Terminal, string PairingCode)> CreateAsync(TerminalSettings s, string by, CancellationToken ct)
    {
        var id = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 10);
        var code = Secret("cxp", id);
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO capture_terminals (id, name, site, touchpoint, channel, scale, question, follow_up, repeat_ms, pairing_hash, created_at, created_by)
            VALUES (@id, @Name, @Site, @Touchpoint, @Channel, @Scale, @question, @followUp, @repeatMs, @hash, @now, @by)
            """, new
        {
            id, s.Name, s.Site, s.Touchpoint, s.Channel, s.Scale, question = JsonSerializer.Serialize(s.Question), followUp = s.FollowUp ? 1 : 0,
            repeatMs = (long)s.RepeatWindow.TotalMilliseconds, hash = Hash(code), now = SqliteTime.Format(clock.GetUtcNow()), by,
        }, cancellationToken: ct));
        return ((await FindAsync(id, ct))!, code);
    }

    public async Task<IReadOnlyList<Terminal>> ListAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Row>(new CommandDefinition(Select + " ORDER BY created_at", cancellationToken: ct))).Select(r => r.ToTerminal()).ToArray();
    }

    public async Task<Terminal?> FindAsync(string id, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select + " WHERE id = @id", new { id }, cancellationToken: ct)))?.ToTerminal();
    }

    public async Task<bool> RevokeAsync(string id, CancellationToken ct)
    {
        Forget(id);
        await using var c = await db.OpenAsync(ct);
        var found = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE capture_terminals SET revoked_at = COALESCE(revoked_at, @now), pairing_hash = NULL WHERE id = @id",
            new { id, now = SqliteTime.Format(clock.GetUtcNow()) }, cancellationToken: ct)) > 0;
        if (found)
            Revoked?.Invoke(id);
        return found;
    }

    /// <summary>Raised after a terminal was revoked here (its id), so other nodes stop trusting its token.</summary>
    public event Action<string>? Revoked;

    /// <summary>Revoked here or on another node: no longer trusted from this node's memory.</summary>
    public void Forget(string id)
    {
        _revoked[id] = true;
        foreach (var key in _validated.Where(p => p.Value.Terminal.Id == id).Select(p => p.Key).ToList())
            _validated.TryRemove(key, out _);
    }

    /// <summary>Uses a pairing code: the terminal's device token, or null when the code is
    /// unknown, used before or revoked. Two screens racing with one code: one wins.</summary>
    public async Task<(Terminal Terminal, string Token)?> PairAsync(string code, CancellationToken ct)
    {
        if (IdOf(code, "cxp") is not { } id || _revoked.ContainsKey(id))
            return null;
        var token = Secret("cxt", id);
        var now = SqliteTime.Format(clock.GetUtcNow());
        await using var c = await db.OpenAsync(ct);
        var changed = await c.ExecuteAsync(new CommandDefinition("""
            UPDATE capture_terminals SET pairing_hash = NULL, token_hash = @token, paired_at = @now, last_seen_at = @now
            WHERE id = @id AND pairing_hash = @code AND revoked_at IS NULL
            """, new { id, code = Hash(code), token = Hash(token), now }, cancellationToken: ct));
        return changed == 1 ? ((await FindAsync(id, ct))!, token) : null;
    }

    /// <summary>The terminal a device token belongs to, if it is valid and not revoked.</summary>
    public async Task<Terminal?> ValidateAsync(string token, CancellationToken ct)
    {
        if (IdOf(token, "cxt") is not { } id || _revoked.ContainsKey(id))
            return null;
        var now = clock.GetUtcNow();
        var hash = Hash(token);
        if (_validated.TryGetValue(hash, out var cached) && cached.Until > now)
            return cached.Terminal;
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select + " WHERE id = @id AND revoked_at IS NULL", new { id }, cancellationToken: ct));
        var stored = row is null ? null : await c.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT token_hash FROM capture_terminals WHERE id = @id", new { id }, cancellationToken: ct));
        if (row is null || stored is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(hash)))
            return null;
        await c.ExecuteAsync(new CommandDefinition("UPDATE capture_terminals SET last_seen_at = @now WHERE id = @id",
            new { id, now = SqliteTime.Format(now) }, cancellationToken: ct));
        var terminal = row.ToTerminal();
        _validated[hash] = (terminal, now + Trust);
        return _revoked.ContainsKey(id) ? null : terminal;
    }

    /// <summary>Counts presses the misuse filter set aside, so an admin sees a terminal being played with.</summary>
    public async Task AddRepeatsAsync(string id, int count, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("UPDATE capture_terminals SET repeats = repeats + @count WHERE id = @id", new { id, count }, cancellationToken: ct));
    }

    private static string Secret(string prefix, string id) =>
        $"{prefix}_{id}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=')}";

    private static string? IdOf(string secret, string prefix)
    {
        var parts = secret.Split('_', 3); // base64url secrets may hold '_'
        return parts.Length == 3 && parts[0] == prefix && parts[1].Length == 10 && parts[2].Length >= 40 ? parts[1] : null;
    }

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private sealed record Row(string Id, string Name, string Site, string Touchpoint, string Channel, string Scale, string Question,
        long FollowUp, long RepeatMs, long Repeats, string CreatedAt, string CreatedBy, string? PairedAt, string? RevokedAt, string? LastSeenAt)
    {
        public Terminal ToTerminal() => new(Id, Name, Site, Touchpoint, Channel, Scale,
            JsonSerializer.Deserialize<Dictionary<string, string>>(Question) ?? [], FollowUp != 0, TimeSpan.FromMilliseconds(RepeatMs), Repeats,
            SqliteTime.Parse(CreatedAt), CreatedBy, SqliteTime.ParseOrNull(PairedAt), SqliteTime.ParseOrNull(RevokedAt), SqliteTime.ParseOrNull(LastSeenAt));
    }
}
