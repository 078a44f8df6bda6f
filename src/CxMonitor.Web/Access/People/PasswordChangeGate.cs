namespace CxMonitor.Web.Access.People;

/// <summary>Marks the endpoints a person with a one-time password may use before changing it.</summary>
public sealed class AllowedBeforePasswordChange;

/// <summary>A one-time password was seen by whoever created or reset it, so until its person
/// chooses their own, the session may only read itself, change the password and sign out. Pages
/// stay reachable (they hold no data) so the sign-in page can ask for the new password.</summary>
internal sealed class PasswordChangeGate(RequestDelegate next)
{
    public static readonly AllowedBeforePasswordChange Allowed = new();

    // Requests with no person behind them pass without a state machine of their own (issue 19).
    public Task InvokeAsync(HttpContext context) =>
        AccessSchemes.IsMachinePath(context.Request.Path)
        && context.GetEndpoint()?.Metadata.GetMetadata<AllowedBeforePasswordChange>() is null
        && CookieSession.MayHavePerson(context)
            ? CheckAsync(context)
            : next(context);

    private async Task CheckAsync(HttpContext context)
    {
        if (await CookieSession.PersonAsync(context) is not null
            && context.Features.Get<PersonSession>() is { MustChangePassword: true })
        {
            await AccessProblems.WriteAsync(context, StatusCodes.Status403Forbidden,
                "Choose your own password first (POST /api/v1/session/password): until then this session may only do that or sign out.");
            return;
        }
        await next(context);
    }
}
