using Microsoft.AspNetCore.Antiforgery;

namespace CxMonitor.Web.Access.People;

/// <summary>A browser sends the session cookie with any request, also one forged by another
/// site; so every cookie-authenticated write to the API must also carry the anti-forgery token
/// that only our own pages can read (from the session response), whatever else the request
/// carries (an X-Api-Key header does not make a cookie request safe). API keys alone are not
/// sent automatically by browsers and need no token. The live hub is guarded by its origin check
/// instead (<see cref="HubOriginCheck"/>): its client library cannot add the header.</summary>
internal sealed class CsrfProtection(RequestDelegate next, IAntiforgery antiforgery)
{
    public const string Header = "X-CSRF-Token";

    // Requests with no person behind them (an API key without a session cookie: every rating a
    // terminal sends) pass without a state machine of their own (issue 19).
    public Task InvokeAsync(HttpContext context) =>
        IsWrite(context.Request.Method)
        && context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && CookieSession.MayHavePerson(context)
            ? CheckAsync(context)
            : next(context);

    private async Task CheckAsync(HttpContext context)
    {
        if (await CookieSession.PersonAsync(context) is { } person
            && !await IsValidForAsync(context, person))
        {
            await AccessProblems.WriteAsync(context, StatusCodes.Status403Forbidden,
                $"The {Header} header is missing or does not match this session: reload the page.");
            return;
        }
        await next(context);
    }

    // The token is bound to the person, and the antiforgery check reads the request's user.
    private async Task<bool> IsValidForAsync(HttpContext context, System.Security.Claims.ClaimsPrincipal person)
    {
        var user = context.User;
        context.User = person;
        try
        {
            return await antiforgery.IsRequestValidAsync(context);
        }
        finally
        {
            context.User = user;
        }
    }

    private static bool IsWrite(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
}
