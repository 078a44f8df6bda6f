using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CxMonitor.Web.Data;
using CxMonitor.Web.Sites;
using Dapper;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Access;

/// <summary>Creates, lists, revokes and checks API keys. Checks hit a short in-memory cache of
/// validated keys (<see cref="AccessOptions.KeyCacheTtl"/>); the plaintext key and its secret
/// are never stored or logged.</summary>
public sealed partial class ApiKeyStore(
    AppStateDb db, SiteCatalog catalog, ApiKeyUsage usage, IOptionsMonitor<AccessOptions> options, TimeProvider time)
{
    private const string SelectKeys = """
        SELECT key_id AS KeyId, source AS Source, sites AS Sites, secret_hash AS SecretHash,
               created_at AS CreatedAt, revoked_at AS RevokedAt, last_used_at AS LastUsedAt
        FROM api_keys
        """;

    private readonly ConcurrentDictionary<string, CachedKey> _cache = new(StringComparer.Ordinal);

    /// <summary>Returns the new key's plaintext, which exists nowhere else: show it once.</summary>
    /// <exception cref="ArgumentException">The source is not a valid name, or a site is unknown.</exception>
    public async Task<(ApiKeyInfo Info, string PlaintextKey)> CreateAsync(
        string source, IEnumerable<string> sites, CancellationToken cancellationToken = default)
    {
        if (!SourcePattern().IsMatch(source))
            throw new ArgumentException(
                $"'{source}' is not a source name: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        var siteList = CheckSites(sites);
        var (keyId, secret, key) = ApiKeyFormat.Generate();
        var info = new ApiKeyInfo(keyId, source, siteList, time.GetUtcNow(), null, null);
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO api_keys (key_id, source, sites, secret_hash, created_at)
            VALUES (@KeyId, @Source, @Sites, @SecretHash, @CreatedAt)
            """,
            new { KeyId = keyId, Source = source, Sites = info.SitesText, SecretHash = ApiKeyFormat.HashSecret(secret), CreatedAt = SqliteTime.Format(info.CreatedAt) },
            cancellationToken: cancellationToken));
        return (info, key);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
            SelectKeys + " ORDER BY created_at, key_id", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToInfo()).ToArray();
    }

    /// <summary>Raised after a key was revoked here (its id), so other nodes drop it from their caches.</summary>
    public event Action<string>? Revoked;

    /// <summary>Another node revoked the key: this node stops trusting its cached validation now.</summary>
    public void Forget(string keyId) => _cache.TryRemove(keyId, out _);

    /// <summary>Revokes the key (keeping the first revocation time); false if no such key exists.
    /// Other nodes are told through Redis (<c>Live/RevocationShare</c>, and the CLI's
    /// <c>Cli/RevocationNotice</c>); a node that misses that (Redis away) notices within its cache TTL.</summary>
    public async Task<bool> RevokeAsync(string keyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var found = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @Now) WHERE key_id = @KeyId",
            new { KeyId = keyId, Now = SqliteTime.Format(time.GetUtcNow()) }, cancellationToken: cancellationToken));
        _cache.TryRemove(keyId, out _);
        if (found > 0)
            Revoked?.Invoke(keyId);
        return found > 0;
    }

    /// <summary>Whether the key exists and is not revoked, read from app state (not the cache):
    /// open live connections are checked with it.</summary>
    public async Task<bool> IsActiveAsync(string keyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM api_keys WHERE key_id = @KeyId AND revoked_at IS NULL", new { KeyId = keyId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>The key's details if it is well formed, known, not revoked and its secret matches; else null.</summary>
    public ValueTask<ApiKeyInfo?> ValidateAsync(string presentedKey, CancellationToken cancellationToken = default)
    {
        if (!ApiKeyFormat.TrySplit(presentedKey, out var keyId, out var secret))
            return ValueTask.FromResult<ApiKeyInfo?>(null);
        // A key checked within the cache's time: looked up and hashed on the presented text itself,
        // with no string or state machine made (every API request; issue 19).
        if (_cache.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(keyId, out var cached) && cached.ExpiresAt > time.GetUtcNow())
            return ValueTask.FromResult(Accept(cached.Info, cached.SecretHash, secret));
        return ValidateFromDatabaseAsync(keyId.ToString(), secret.ToString(), cancellationToken);
    }

    private async ValueTask<ApiKeyInfo?> ValidateFromDatabaseAsync(string keyId, string secret, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            SelectKeys + " WHERE key_id = @KeyId", new { KeyId = keyId }, cancellationToken: cancellationToken));
        if (row is null || row.RevokedAt is not null)
        {
            _cache.TryRemove(keyId, out _);
            return null;
        }
        var info = row.ToInfo();
        var ttl = options.CurrentValue.KeyCacheTtl;
        // Only keys found in the database are cached, so random ids sent by a caller cannot grow the cache.
        if (ttl > TimeSpan.Zero)
            _cache[keyId] = new CachedKey(info, row.SecretHash, now + ttl);
        return Accept(info, row.SecretHash, secret);
    }

    private ApiKeyInfo? Accept(ApiKeyInfo info, byte[] storedHash, ReadOnlySpan<char> secret)
    {
        Span<byte> presentedHash = stackalloc byte[SHA256.HashSizeInBytes];
        ApiKeyFormat.HashSecret(secret, presentedHash);
        // Constant time, so response timing does not reveal how much of a guessed secret was right.
        if (!CryptographicOperations.FixedTimeEquals(storedHash, presentedHash))
            return null;
        usage.Touch(info.KeyId);
        return info;
    }

    private string[] CheckSites(IEnumerable<string> sites)
    {
        var list = sites.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (list.Length == 0)
            throw new ArgumentException("Name at least one site, or '*' for all sites.");
        if (list.Contains(ApiKeyInfo.AllSites))
        {
            return list.Length == 1
                ? list
                : throw new ArgumentException("'*' (all sites) cannot be combined with site ids.");
        }
        foreach (var site in list)
        {
            if (!catalog.TryGet(site, out _))
                throw new ArgumentException($"Unknown site '{site}': it is not in the site catalog (GET /api/v1/sites lists them).");
        }
        return list;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z")]
    private static partial Regex SourcePattern();

    private sealed record CachedKey(ApiKeyInfo Info, byte[] SecretHash, DateTimeOffset ExpiresAt);

    private sealed class KeyRow
    {
        public string KeyId { get; set; } = "";
        public string Source { get; set; } = "";
        public string Sites { get; set; } = "";
        public byte[] SecretHash { get; set; } = [];
        public string CreatedAt { get; set; } = "";
        public string? RevokedAt { get; set; }
        public string? LastUsedAt { get; set; }

        public ApiKeyInfo ToInfo() => new(
            KeyId, Source, Sites.Split(','), SqliteTime.Parse(CreatedAt), SqliteTime.ParseOrNull(RevokedAt), SqliteTime.ParseOrNull(LastUsedAt));
    }
}
