using System.Security.Cryptography;
using CxMonitor.Web.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Access.People;

/// <summary>What a request learns about its person's session: checked against app state on every
/// request, because a cookie cannot be taken back once issued.</summary>
public sealed record PersonSession(string SessionId, string UserName, IReadOnlyList<string> Roles, bool MustChangePassword);

/// <summary>Server-side sessions of people (<c>person_sessions</c>). The cookie carries the session
/// id; a session ends when its person signs out, changes or gets a reset password, is disabled or
/// gets other roles, and when it is idle longer than <see cref="PeopleOptions.SessionIdle"/>.
/// No cache: one indexed read per request is cheaper than explaining a stale session.</summary>
public sealed class PersonSessions(AppStateDb db, IOptionsMonitor<PeopleOptions> options, TimeProvider time)
{
    /// <summary>The claim that names the session in the cookie's principal.</summary>
    public const string ClaimType = "cx:sid";

    // Last-seen times are written at most this often, so a busy page does not write on every request.
    private static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(1);

    public async Task<string> StartAsync(string userName, CancellationToken ct = default)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(ct);
        // Forget sessions long over, so the table stays the size of the people signed in.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM person_sessions WHERE last_seen_at < @Stale",
            new { Stale = SqliteTime.Format(now - options.CurrentValue.SessionIdle - TimeSpan.FromDays(1)) }, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO person_sessions (session_id, user_name, created_at, last_seen_at) VALUES (@Id, @UserName, @Now, @Now)",
            new { Id = id, UserName = userName, Now = SqliteTime.Format(now) }, cancellationToken: ct));
        return id;
    }

    /// <summary>The session if it is open, not idle too long and its person is enabled; else null.</summary>
    public async Task<PersonSession?> FindOpenAsync(string sessionId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT s.session_id AS SessionId, u.user_name AS UserName, u.roles AS Roles,
                   u.must_change_password AS MustChangePassword, s.last_seen_at AS LastSeenAt
            FROM person_sessions s JOIN users u ON u.user_name = s.user_name
            WHERE s.session_id = @SessionId AND s.ended_at IS NULL AND u.disabled_at IS NULL
            """, new { SessionId = sessionId }, cancellationToken: ct));
        if (row is null)
            return null;
        var lastSeen = SqliteTime.Parse(row.LastSeenAt);
        if (now - lastSeen > options.CurrentValue.SessionIdle)
        {
            await EndAsync(sessionId, "idle", ct);
            return null;
        }
        if (now - lastSeen >= SeenResolution)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE person_sessions SET last_seen_at = @Now WHERE session_id = @SessionId",
                new { Now = SqliteTime.Format(now), SessionId = sessionId }, cancellationToken: ct));
        }
        return new PersonSession(row.SessionId, row.UserName, row.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries), row.MustChangePassword != 0);
    }

    public async Task EndAsync(string sessionId, string because, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        if (await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE person_sessions SET ended_at = @Now, ended_because = @Because WHERE session_id = @SessionId AND ended_at IS NULL",
            new { Now = SqliteTime.Format(time.GetUtcNow()), Because = because, SessionId = sessionId }, cancellationToken: ct)) > 0)
            Ended?.Invoke();
    }

    /// <summary>Raised after sessions ended here. Requests read sessions from app state (no cache);
    /// this only lets every node close the live connections they opened at once.</summary>
    public event Action? Ended;

    /// <summary>Ends every open session of the person, except <paramref name="keep"/> (the one
    /// that changed its own password); returns how many ended.</summary>
    public async Task<int> EndAllAsync(string userName, string because, string? keep = null, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var ended = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE person_sessions SET ended_at = @Now, ended_because = @Because
            WHERE user_name = @UserName AND ended_at IS NULL AND session_id IS DISTINCT FROM @Keep
            """,
            new { Now = SqliteTime.Format(time.GetUtcNow()), Because = because, UserName = userName, Keep = keep }, cancellationToken: ct));
        if (ended > 0)
            Ended?.Invoke();
        return ended;
    }

    private sealed record Row(string SessionId, string UserName, string Roles, long MustChangePassword, string LastSeenAt);
}
