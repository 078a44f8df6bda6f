namespace CxMonitor.Web.Access.People;

/// <summary>A person as the API shows them: never with a password hash.</summary>
public sealed record UserAccount(
    string UserName,
    string DisplayName,
    IReadOnlyList<string> Roles,
    bool MustChangePassword,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? LockedUntil,
    DateTimeOffset? LastSignInAt,
    string? Language = null);

/// <summary>How a sign-in attempt ended. <see cref="RetryAfter"/> is set when locked out.</summary>
public sealed record SignInResult(UserAccount? Account, TimeSpan? RetryAfter)
{
    public bool Succeeded => Account is not null;

    public static readonly SignInResult Failed = new(null, null);
}
