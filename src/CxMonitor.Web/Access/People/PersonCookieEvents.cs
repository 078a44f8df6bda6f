using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CxMonitor.Web.Access.People;

/// <summary>Keeps sessions honest: every request checks the cookie's session against app state
/// (<see cref="PersonSessions"/>), so a session ended on the server is refused at once; the API
/// answers 401/403 problems instead of redirecting to the sign-in page; page redirects are
/// relative, so a forged Host header never reaches a Location.</summary>
internal sealed class PersonCookieEvents : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal!;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<PersonSessions>();
        var sessionId = PersonClaims.SessionId(principal);
        var session = sessionId is null ? null : await sessions.FindOpenAsync(sessionId, context.HttpContext.RequestAborted);
        // Roles are compared too: a cookie made before a role change must not carry the old roles.
        if (session is null
            || !string.Equals(session.UserName, principal.Identity?.Name, StringComparison.OrdinalIgnoreCase)
            || !PersonClaims.Roles(principal).Order().SequenceEqual(session.Roles.Order()))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AccessSchemes.Cookie);
            return;
        }
        context.HttpContext.Features.Set(session);
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (AccessSchemes.IsMachinePath(context.Request.Path))
            return AccessProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Your session has ended: sign in again.");
        context.Response.Redirect(LocalReturnPath.WithoutHost(context.RedirectUri));
        return Task.CompletedTask;
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (AccessSchemes.IsMachinePath(context.Request.Path)
            || context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<RefusedWithoutRedirect>() is not null)
            return AccessProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Your role does not allow this.");
        context.Response.Redirect(LocalReturnPath.WithoutHost(context.RedirectUri));
        return Task.CompletedTask;
    }
}
