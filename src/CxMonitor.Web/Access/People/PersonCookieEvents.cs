using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CxMonitor.Web.Access.People;

/// <summary>Keeps sessions honest: a disabled or deleted person is signed out at their next
/// request and changed roles take effect at once; the API answers 401/403 problems instead of
/// redirecting to the sign-in page.</summary>
internal sealed class PersonCookieEvents : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var userName = context.Principal?.Identity?.Name;
        var store = context.HttpContext.RequestServices.GetRequiredService<UserStore>();
        var account = userName is null ? null : await store.FindAsync(userName, context.HttpContext.RequestAborted);
        if (account is null || account.DisabledAt is not null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AccessSchemes.Cookie);
            return;
        }
        var roles = PersonClaims.Roles(context.Principal!);
        if (!roles.Order().SequenceEqual(account.Roles.Order()))
        {
            context.ReplacePrincipal(PersonClaims.ToPrincipal(account));
            context.ShouldRenew = true;
        }
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (!AccessSchemes.IsMachinePath(context.Request.Path))
            return base.RedirectToLogin(context);
        return AccessProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Your session has ended: sign in again.");
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (!AccessSchemes.IsMachinePath(context.Request.Path))
            return base.RedirectToAccessDenied(context);
        return AccessProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Your role does not allow this.");
    }
}
