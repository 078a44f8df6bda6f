using System.Collections.Concurrent;
using System.Security.Cryptography;
using CxMonitor.Web.Data;
using Dapper;

namespace CxMonitor.Web.Capture;

/// <summary>Survey links. A public page asks for its survey on every load and every answer, so
/// a found survey is kept for 10 s; a revocation on this node takes effect at once.</summary>
public sealed class SurveyStore(AppStateDb db, TimeProvider clock)
{
    private static readonly TimeSpan Keep = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (Survey? Survey, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    private const string Select = """
        SELECT code AS Code, site AS Site, touchpoint AS Touchpoint, channel AS Channel, scale AS Scale,
               created_at AS CreatedAt, created_by AS CreatedBy, revoked_at AS RevokedAt FROM capture_surveys
        """;

    public async Task<Survey> CreateAsync(string site, string touchpoint, string channel, string scale, string by, CancellationToken ct)
    {
        // Eight characters of an alphabet without look-alikes: short enough to type from a poster.
        var code = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 8);
        var now = clock.GetUtcNow();
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO capture_surveys (code, site, touchpoint, channel, scale, created_at, created_by)
            VALUES (@code, @site, @touchpoint, @channel, @scale, @now, @by)
            """, new { code, site, touchpoint, channel, scale, now = SqliteTime.Format(now), by }, cancellationToken: ct));
        _cache.TryRemove(code, out _);
        return new Survey(code, site, touchpoint, channel, scale, now, by, null);
    }

    public async Task<IReadOnlyList<Survey>> ListAsync(CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        return (await c.QueryAsync<Row>(new CommandDefinition(Select + " ORDER BY created_at", cancellationToken: ct))).Select(r => r.ToSurvey()).ToArray();
    }

    /// <summary>The survey if it exists and is not revoked.</summary>
    public async Task<Survey?> FindActiveAsync(string code, CancellationToken ct)
    {
        if (code.Length != 8)
            return null;
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(code, out var cached) && cached.Until > now)
            return cached.Survey;
        await using var c = await db.OpenAsync(ct);
        var survey = (await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Select + " WHERE code = @code AND revoked_at IS NULL", new { code }, cancellationToken: ct)))?.ToSurvey();
        _cache[code] = (survey, now + Keep);
        return survey;
    }

    public async Task<bool> RevokeAsync(string code, CancellationToken ct)
    {
        _cache[code] = (null, DateTimeOffset.MaxValue);
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition("UPDATE capture_surveys SET revoked_at = COALESCE(revoked_at, @now) WHERE code = @code",
            new { code, now = SqliteTime.Format(clock.GetUtcNow()) }, cancellationToken: ct)) > 0;
    }

    private sealed record Row(string Code, string Site, string Touchpoint, string Channel, string Scale, string CreatedAt, string CreatedBy, string? RevokedAt)
    {
        public Survey ToSurvey() => new(Code, Site, Touchpoint, Channel, Scale, SqliteTime.Parse(CreatedAt), CreatedBy, SqliteTime.ParseOrNull(RevokedAt));
    }
}
