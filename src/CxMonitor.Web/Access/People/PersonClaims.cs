using System.Security.Claims;

namespace CxMonitor.Web.Access.People;

/// <summary>The principal of a signed-in person (cookie scheme).</summary>
public static class PersonClaims
{
    public static ClaimsPrincipal ToPrincipal(UserAccount account, string sessionId)
    {
        var claims = new List<Claim>
        {
            // NameIdentifier keys the anti-forgery token to the person.
            new(ClaimTypes.NameIdentifier, account.UserName),
            new(ClaimTypes.Name, account.UserName),
            new(PersonSessions.ClaimType, sessionId),
        };
        claims.AddRange(account.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AccessSchemes.Cookie, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static bool IsPerson(ClaimsPrincipal user) => user.Identity is { IsAuthenticated: true, AuthenticationType: AccessSchemes.Cookie };

    /// <summary>The server-side session the cookie names (<see cref="PersonSessions"/>).</summary>
    public static string? SessionId(ClaimsPrincipal user) => user.FindFirst(PersonSessions.ClaimType)?.Value;

    public static IReadOnlyList<string> Roles(ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray();
}
