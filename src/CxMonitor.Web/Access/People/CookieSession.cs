using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace CxMonitor.Web.Access.People;

/// <summary>The person behind a request's session cookie, whatever scheme the request was
/// authenticated with: a request that also carries an X-Api-Key header is authenticated as the
/// key, yet an endpoint for people still reads its cookie, so the checks that guard cookie
/// requests (anti-forgery, password change first) must look at the cookie themselves.</summary>
internal static class CookieSession
{
    /// <summary>False when <see cref="PersonAsync"/> is sure to find no one: the request is not
    /// a person's and carries no session cookie. Lets hot paths skip the asynchronous call.</summary>
    public static bool MayHavePerson(HttpContext context) =>
        PersonClaims.IsPerson(context.User) || context.Request.Cookies.ContainsKey(AccessSchemes.CookieName);

    public static async Task<ClaimsPrincipal?> PersonAsync(HttpContext context)
    {
        if (PersonClaims.IsPerson(context.User))
            return context.User;
        if (!context.Request.Cookies.ContainsKey(AccessSchemes.CookieName))
            return null;
        // The handler caches its result per request, so this validates the session once.
        var result = await context.AuthenticateAsync(AccessSchemes.Cookie);
        return result.Succeeded ? result.Principal : null;
    }
}
