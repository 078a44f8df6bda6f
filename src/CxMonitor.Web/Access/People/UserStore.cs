using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CxMonitor.Web.Data;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Access.People;

/// <summary>People and their passwords. Passwords are hashed with <see cref="PasswordHasher{TUser}"/>;
/// repeated failures lock the account for <see cref="PeopleOptions.Lockout"/>.</summary>
public sealed partial class UserStore(
    AppStateDb db, PersonSessions sessions, NameLockout nameLockout, IOptionsMonitor<PeopleOptions> options, TimeProvider time)
{
    private const string Columns = """
        user_name AS UserName, display_name AS DisplayName, roles AS Roles, password_hash AS PasswordHash,
        must_change_password AS MustChangePassword, failed_sign_ins AS FailedSignIns, locked_until AS LockedUntil,
        created_at AS CreatedAt, disabled_at AS DisabledAt, last_sign_in_at AS LastSignInAt, language AS Language
        """;

    private static readonly PasswordHasher<string> s_hasher = new();

    // Verified when the user does not exist, so an unknown name costs as much as a wrong password.
    private static readonly string s_decoyHash = s_hasher.HashPassword("", GeneratePassword());

    /// <summary>Creates a person. Without a password, one is generated, returned and must be changed at first sign-in.</summary>
    /// <exception cref="ArgumentException">The name, a role or the password breaks a rule, or the name is taken.</exception>
    public async Task<(UserAccount Account, string? OneTimePassword)> CreateAsync(
        string userName, IEnumerable<string> roles, string? password = null, string? displayName = null, CancellationToken ct = default)
    {
        if (!UserNamePattern().IsMatch(userName))
            throw new ArgumentException($"userName: '{userName}' is not a user name: use 1-64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit.");
        var roleList = CheckRoles(roles);
        var oneTime = password is null ? GeneratePassword() : null;
        if (password is not null)
            CheckPassword(password, userName, displayName);
        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(ct);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO users (user_name, display_name, roles, password_hash, must_change_password, created_at)
            VALUES (@UserName, @DisplayName, @Roles, @Hash, @MustChange, @Now)
            ON CONFLICT (user_name) DO NOTHING
            """,
            new
            {
                UserName = userName, DisplayName = displayName ?? userName, Roles = string.Join(',', roleList),
                Hash = s_hasher.HashPassword(userName, password ?? oneTime!), MustChange = oneTime is null ? 0 : 1, Now = SqliteTime.Format(now),
            }, cancellationToken: ct));
        if (inserted == 0)
            throw new ArgumentException($"userName: a user named '{userName}' exists already.");
        return ((await FindAsync(userName, ct))!, oneTime);
    }

    public async Task<UserAccount?> FindAsync(string userName, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE user_name = @UserName", new { UserName = userName }, cancellationToken: ct));
        return row?.ToAccount();
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM users ORDER BY user_name", cancellationToken: ct));
        return rows.Select(r => r.ToAccount()).ToArray();
    }

    public async Task<bool> AnyActiveAdminAsync(CancellationToken ct = default) =>
        (await ListAsync(ct)).Any(u => u.DisabledAt is null && u.Roles.Contains(UserRoles.Admin));

    /// <summary>Checks a password. A locked account fails without looking at the password; an
    /// unknown or disabled name fails and locks the same way (<see cref="NameLockout"/>).</summary>
    public async Task<SignInResult> SignInAsync(string userName, string password, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var settings = options.CurrentValue;
        await using var connection = await db.OpenAsync(ct);
        // Each attempt takes its number before hashing, in one statement: of 40 parallel guesses
        // only the first MaxFailedSignIns are checked, the rest find the budget spent.
        var attempt = await connection.QuerySingleOrDefaultAsync<Attempt>(new CommandDefinition(
            """
            UPDATE users SET failed_sign_ins = failed_sign_ins + 1
            WHERE user_name = @UserName AND disabled_at IS NULL AND (locked_until IS NULL OR locked_until <= @Now)
            RETURNING user_name AS UserName, password_hash AS PasswordHash, failed_sign_ins AS Number
            """, new { UserName = userName, Now = SqliteTime.Format(now) }, cancellationToken: ct));
        if (attempt is null)
        {
            var row = await connection.QuerySingleOrDefaultAsync<(string? LockedUntil, string? DisabledAt)>(new CommandDefinition(
                "SELECT locked_until, disabled_at FROM users WHERE user_name = @UserName", new { UserName = userName }, cancellationToken: ct));
            if (row.DisabledAt is null && SqliteTime.ParseOrNull(row.LockedUntil) is { } lockedUntil && lockedUntil > now)
                return new SignInResult(null, lockedUntil - now);
            return await nameLockout.FailAsync(userName, () => s_hasher.VerifyHashedPassword("", s_decoyHash, password), ct);
        }
        // Past the budget: lock now (also when the attempt that should have locked was cut off),
        // so the account never stays counted out without a lockout that ends.
        if (attempt.Number > settings.MaxFailedSignIns)
            return await LockAsync(connection, attempt.UserName, now);

        var verdict = s_hasher.VerifyHashedPassword(attempt.UserName, attempt.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            return attempt.Number < settings.MaxFailedSignIns
                ? SignInResult.Failed
                : await LockAsync(connection, attempt.UserName, now);
        }
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE users SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = @Now,
                password_hash = CASE WHEN @Rehash IS NULL THEN password_hash ELSE @Rehash END
            WHERE user_name = @UserName
            """,
            new
            {
                Now = SqliteTime.Format(now), attempt.UserName,
                Rehash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? s_hasher.HashPassword(attempt.UserName, password) : null,
            }, cancellationToken: CancellationToken.None));
        return new SignInResult((await FindAsync(attempt.UserName, ct))!, null);
    }

    // Not cancellable: a caller who hangs up must not leave the count without its lockout. A
    // lockout already running is kept, not extended.
    private async Task<SignInResult> LockAsync(System.Data.Common.DbConnection connection, string userName, DateTimeOffset now)
    {
        var lockout = options.CurrentValue.Lockout;
        await connection.ExecuteAsync(
            "UPDATE users SET failed_sign_ins = 0, locked_until = @Until WHERE user_name = @UserName AND (locked_until IS NULL OR locked_until <= @Now)",
            new { Until = SqliteTime.Format(now + lockout), Now = SqliteTime.Format(now), UserName = userName });
        return new SignInResult(null, lockout);
    }

    /// <summary>Sets a new password after checking the current one, and ends the person's other
    /// sessions (a thief's copy among them); <paramref name="keepSession"/> goes on.</summary>
    public async Task<bool> ChangePasswordAsync(string userName, string currentPassword, string newPassword, string? keepSession = null, CancellationToken ct = default)
    {
        var account = await FindAsync(userName, ct);
        CheckPassword(newPassword, userName, account?.DisplayName);
        if (!(await SignInAsync(userName, currentPassword, ct)).Succeeded)
            return false;
        await SetPasswordAsync(userName, newPassword, mustChange: false, ct);
        await sessions.EndAllAsync(userName, "password changed", keepSession, ct);
        return true;
    }

    /// <summary>Replaces the password with a generated one that must be changed at the next sign-in,
    /// unlocks, and ends every session of the person.</summary>
    public async Task<string?> ResetPasswordAsync(string userName, CancellationToken ct = default)
    {
        var password = GeneratePassword();
        if (!await SetPasswordAsync(userName, password, mustChange: true, ct))
            return null;
        await sessions.EndAllAsync(userName, "password reset", ct: ct);
        return password;
    }

    /// <summary>A change of roles ends the person's sessions: they sign in again with the new ones.</summary>
    public async Task<bool> SetRolesAsync(string userName, IEnumerable<string> roles, CancellationToken ct = default)
    {
        var roleList = CheckRoles(roles);
        var before = await FindAsync(userName, ct);
        if (before is null)
            return false;
        if (before.Roles.Order().SequenceEqual(roleList.Order()))
            return true;
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET roles = @Roles WHERE user_name = @UserName",
            new { Roles = string.Join(',', roleList), UserName = userName }, cancellationToken: ct));
        await sessions.EndAllAsync(userName, "roles changed", ct: ct);
        return true;
    }

    /// <summary>Disables or re-enables a person; disabling ends all their sessions.</summary>
    public async Task<bool> SetDisabledAsync(string userName, bool disabled, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var found = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET disabled_at = CASE WHEN @Disabled THEN COALESCE(disabled_at, @Now) END WHERE user_name = @UserName",
            new { Disabled = disabled, Now = SqliteTime.Format(time.GetUtcNow()), UserName = userName }, cancellationToken: ct)) > 0;
        if (found && disabled)
            await sessions.EndAllAsync(userName, "disabled", ct: ct);
        return found;
    }

    /// <summary>The person's own language (en, ru or uk; null: their browser's), for every browser
    /// they sign in on and for e-mails to an address that is their user name.</summary>
    public async Task<bool> SetLanguageAsync(string userName, string? language, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET language = @Language WHERE user_name = @UserName", new { Language = language, UserName = userName }, cancellationToken: ct)) > 0;
    }

    private async Task<bool> SetPasswordAsync(string userName, string password, bool mustChange, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE users SET password_hash = @Hash, must_change_password = @MustChange, failed_sign_ins = 0, locked_until = NULL
            WHERE user_name = @UserName
            """,
            new { Hash = s_hasher.HashPassword(userName, password), MustChange = mustChange ? 1 : 0, UserName = userName },
            cancellationToken: ct)) > 0;
    }

    private void CheckPassword(string password, string userName, string? displayName)
    {
        if (PasswordRules.Problem(password, options.CurrentValue.MinPasswordLength, userName, displayName) is { } problem)
            throw new ArgumentException(problem);
    }

    private static string[] CheckRoles(IEnumerable<string> roles)
    {
        var list = new List<string>();
        foreach (var role in roles.Where(r => r.Trim().Length > 0))
        {
            var canonical = UserRoles.Canonical(role)
                ?? throw new ArgumentException($"roles: '{role}' is not a role: use {string.Join(", ", UserRoles.All)}.");
            if (!list.Contains(canonical))
                list.Add(canonical);
        }
        return list.Count > 0 ? [.. list] : throw new ArgumentException($"roles: give at least one of {string.Join(", ", UserRoles.All)}.");
    }

    /// <summary>20 characters from an alphabet without look-alikes (about 110 bits).</summary>
    private static string GeneratePassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")]
    private static partial Regex UserNamePattern();

    private sealed record Attempt(string UserName, string PasswordHash, long Number);

    private sealed record UserRow(
        string UserName, string DisplayName, string Roles, string PasswordHash, long MustChangePassword, long FailedSignIns,
        string? LockedUntil, string CreatedAt, string? DisabledAt, string? LastSignInAt, string? Language)
    {
        public UserAccount ToAccount() => new(
            UserName, DisplayName, Roles.Split(',', StringSplitOptions.RemoveEmptyEntries), MustChangePassword != 0,
            SqliteTime.Parse(CreatedAt), SqliteTime.ParseOrNull(DisabledAt), SqliteTime.ParseOrNull(LockedUntil), SqliteTime.ParseOrNull(LastSignInAt), Language);
    }
}
