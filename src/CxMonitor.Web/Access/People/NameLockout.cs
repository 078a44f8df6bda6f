using CxMonitor.Web.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Access.People;

/// <summary>Failed sign-ins under a name that is no active person (unknown or disabled) count and
/// lock exactly like a person's (<c>sign_in_failures</c>), so "locked" never tells an attacker
/// that a name exists. Each attempt takes its number atomically before any hashing.</summary>
public sealed class NameLockout(AppStateDb db, IOptionsMonitor<PeopleOptions> options, TimeProvider time)
{
    /// <summary>Counts one failed attempt under <paramref name="name"/>; <paramref name="verify"/>
    /// (the decoy hash, so an unknown name costs what a wrong password costs) runs only for
    /// attempts within the budget. Returns the result the person's path would have given.</summary>
    public async Task<SignInResult> FailAsync(string name, Action verify, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM sign_in_failures WHERE updated_at < @Old", new { Old = SqliteTime.Format(now - settings.Lockout - TimeSpan.FromDays(1)) }, cancellationToken: ct));
        var attempt = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            """
            INSERT INTO sign_in_failures (name, failed, updated_at) VALUES (@Name, 1, @Now)
            ON CONFLICT (name) DO UPDATE SET failed = sign_in_failures.failed + 1, updated_at = @Now
                WHERE sign_in_failures.locked_until IS NULL OR sign_in_failures.locked_until <= @Now
            RETURNING failed
            """, new { Name = name, Now = SqliteTime.Format(now) }, cancellationToken: ct));
        if (attempt is null)
        {
            var until = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT locked_until FROM sign_in_failures WHERE name = @Name", new { Name = name }, cancellationToken: ct));
            return new SignInResult(null, SqliteTime.ParseOrNull(until) is { } lockedUntil && lockedUntil > now ? lockedUntil - now : settings.Lockout);
        }
        if (attempt <= settings.MaxFailedSignIns)
        {
            verify();
            if (attempt < settings.MaxFailedSignIns)
                return SignInResult.Failed;
        }
        // Not cancellable, and only where no lockout runs: the count must never stay spent without one.
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sign_in_failures SET failed = 0, locked_until = @Until WHERE name = @Name AND (locked_until IS NULL OR locked_until <= @Now)",
            new { Name = name, Until = SqliteTime.Format(now + settings.Lockout), Now = SqliteTime.Format(now) }, cancellationToken: CancellationToken.None));
        return new SignInResult(null, settings.Lockout);
    }
}
