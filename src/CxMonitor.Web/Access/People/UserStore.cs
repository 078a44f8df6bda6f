using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CxMonitor.Web.Data;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Access.People;

/// <summary>People and their passwords. Passwords are hashed with <see cref="PasswordHasher{TUser}"/>;
/// repeated failures lock the account for <see cref="PeopleOptions.Lockout"/>.</summary>
public sealed partial class UserStore(AppStateDb db, IOptionsMonitor<PeopleOptions> options, TimeProvider time)
{
    private const string Columns = """
        user_name AS UserName, display_name AS DisplayName, roles AS Roles, password_hash AS PasswordHash,
        must_change_password AS MustChangePassword, failed_sign_ins AS FailedSignIns, locked_until AS LockedUntil,
        created_at AS CreatedAt, disabled_at AS DisabledAt, last_sign_in_at AS LastSignInAt
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
        CheckPassword(password ?? oneTime!);
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

    /// <summary>Checks a password. A locked or disabled account fails without looking at the password.</summary>
    public async Task<SignInResult> SignInAsync(string userName, string password, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE user_name = @UserName", new { UserName = userName }, cancellationToken: ct));
        if (row is null || row.DisabledAt is not null)
        {
            s_hasher.VerifyHashedPassword("", s_decoyHash, password);
            return SignInResult.Failed;
        }
        if (SqliteTime.ParseOrNull(row.LockedUntil) is { } lockedUntil && lockedUntil > now)
            return new SignInResult(null, lockedUntil - now);

        var verdict = s_hasher.VerifyHashedPassword(row.UserName, row.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var settings = options.CurrentValue;
            var failures = row.FailedSignIns + 1;
            var locks = failures >= settings.MaxFailedSignIns;
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE users SET failed_sign_ins = @Failures, locked_until = @LockedUntil WHERE user_name = @UserName",
                new { Failures = locks ? 0 : failures, LockedUntil = locks ? SqliteTime.Format(now + settings.Lockout) : null, row.UserName },
                cancellationToken: ct));
            return locks ? new SignInResult(null, settings.Lockout) : SignInResult.Failed;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE users SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = @Now,
                password_hash = CASE WHEN @Rehash IS NULL THEN password_hash ELSE @Rehash END
            WHERE user_name = @UserName
            """,
            new
            {
                Now = SqliteTime.Format(now), row.UserName,
                Rehash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? s_hasher.HashPassword(row.UserName, password) : null,
            }, cancellationToken: ct));
        return new SignInResult((await FindAsync(row.UserName, ct))!, null);
    }

    /// <summary>Sets a new password after checking the current one.</summary>
    public async Task<bool> ChangePasswordAsync(string userName, string currentPassword, string newPassword, CancellationToken ct = default)
    {
        CheckPassword(newPassword);
        if (!(await SignInAsync(userName, currentPassword, ct)).Succeeded)
            return false;
        await SetPasswordAsync(userName, newPassword, mustChange: false, ct);
        return true;
    }

    /// <summary>Replaces the password with a generated one that must be changed at the next sign-in, and unlocks.</summary>
    public async Task<string?> ResetPasswordAsync(string userName, CancellationToken ct = default)
    {
        var password = GeneratePassword();
        return await SetPasswordAsync(userName, password, mustChange: true, ct) ? password : null;
    }

    public async Task<bool> SetRolesAsync(string userName, IEnumerable<string> roles, CancellationToken ct = default)
    {
        var roleList = CheckRoles(roles);
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET roles = @Roles WHERE user_name = @UserName",
            new { Roles = string.Join(',', roleList), UserName = userName }, cancellationToken: ct)) > 0;
    }

    /// <summary>Disables or re-enables a person; a disabled person's sessions end at their next request.</summary>
    public async Task<bool> SetDisabledAsync(string userName, bool disabled, CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET disabled_at = CASE WHEN @Disabled THEN COALESCE(disabled_at, @Now) END WHERE user_name = @UserName",
            new { Disabled = disabled, Now = SqliteTime.Format(time.GetUtcNow()), UserName = userName }, cancellationToken: ct)) > 0;
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

    private void CheckPassword(string password)
    {
        var min = options.CurrentValue.MinPasswordLength;
        if (password.Length < min)
            throw new ArgumentException($"password: must be at least {min} characters long.");
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

    private sealed record UserRow(
        string UserName, string DisplayName, string Roles, string PasswordHash, long MustChangePassword, long FailedSignIns,
        string? LockedUntil, string CreatedAt, string? DisabledAt, string? LastSignInAt)
    {
        public UserAccount ToAccount() => new(
            UserName, DisplayName, Roles.Split(',', StringSplitOptions.RemoveEmptyEntries), MustChangePassword != 0,
            SqliteTime.Parse(CreatedAt), SqliteTime.ParseOrNull(DisabledAt), SqliteTime.ParseOrNull(LockedUntil), SqliteTime.ParseOrNull(LastSignInAt));
    }
}
