using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CxMonitor.Web.Access.People;

public sealed record SignInRequest(string? UserName, string? Password);

public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

public sealed record LanguageRequest(string? Language);

/// <summary>What a page needs to know about its viewer; <c>CsrfToken</c> goes into the
/// X-CSRF-Token header of every write. <c>Language</c> is the person's own choice (null: the browser's).</summary>
public sealed record SessionInfo(string UserName, string DisplayName, IReadOnlyList<string> Roles, bool MustChangePassword, string CsrfToken, string? Language);

public static class SessionApi
{
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/session").WithTags("People");
        group.MapPost("", SignInAsync).AllowAnonymous().WithName("SignIn").WithMetadata(SignInRateLimits.Marker)
            .WithSummary("Signs a person in with user name and password; sets the session cookie.");
        group.MapGet("", GetAsync).RequireAuthorization(AccessPolicies.Person).WithName("GetSession")
            .WithSummary("The signed-in person, their roles and the anti-forgery token for writes.")
            .WithMetadata(PasswordChangeGate.Allowed);
        group.MapDelete("", SignOutAsync).RequireAuthorization(AccessPolicies.Person).WithName("SignOut")
            .WithMetadata(PasswordChangeGate.Allowed);
        group.MapPost("/password", ChangePasswordAsync).RequireAuthorization(AccessPolicies.Person).WithName("ChangePassword")
            .WithMetadata(PasswordChangeGate.Allowed);
        group.MapPut("/language", SetLanguageAsync).RequireAuthorization(AccessPolicies.Person).WithName("SetLanguage")
            .WithSummary("The signed-in person's own language (en, ru, uk; null: the browser's); only ever their own.");
        return app;
    }

    private static async Task<Results<Ok<SessionInfo>, ProblemHttpResult>> SignInAsync(
        SignInRequest request, HttpContext context, UserStore users, PersonSessions sessions, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
            return TypedResults.Problem(detail: "userName and password are required.", statusCode: StatusCodes.Status400BadRequest);
        var result = await users.SignInAsync(request.UserName.Trim(), request.Password, ct);
        if (result.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(detail: $"Too many failed sign-ins: this account is locked for {Math.Ceiling(retryAfter.TotalMinutes)} minutes.",
                statusCode: StatusCodes.Status429TooManyRequests);
        }
        if (result.Account is not { } account)
            return TypedResults.Problem(detail: "The user name or password is wrong.", statusCode: StatusCodes.Status401Unauthorized);

        // Signing in over an open session replaces it: the old one must not live on unseen.
        if (PersonClaims.IsPerson(context.User) && PersonClaims.SessionId(context.User) is { } previous)
            await sessions.EndAsync(previous, "replaced", ct);
        var principal = PersonClaims.ToPrincipal(account, await sessions.StartAsync(account.UserName, ct));
        await context.SignInAsync(AccessSchemes.Cookie, principal, new AuthenticationProperties { IsPersistent = true });
        // The token is bound to the person, so it is made for the principal just signed in.
        context.User = principal;
        MirrorLanguage(context, account.Language);
        return TypedResults.Ok(Describe(account, context, antiforgery));
    }

    private static async Task<Results<Ok<SessionInfo>, UnauthorizedHttpResult>> GetAsync(
        ClaimsPrincipal user, HttpContext context, UserStore users, IAntiforgery antiforgery, CancellationToken ct)
    {
        var account = await users.FindAsync(user.Identity!.Name!, ct);
        if (account is null)
            return TypedResults.Unauthorized();
        MirrorLanguage(context, account.Language);
        return TypedResults.Ok(Describe(account, context, antiforgery));
    }

    private static async Task<NoContent> SignOutAsync(HttpContext context, PersonSessions sessions, CancellationToken ct)
    {
        // Ended on the server first: a copy of the cookie must not outlive the sign-out.
        if (PersonClaims.SessionId(context.User) is { } sessionId)
            await sessions.EndAsync(sessionId, "signed out", ct);
        await context.SignOutAsync(AccessSchemes.Cookie);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangePasswordAsync(
        PasswordChangeRequest request, ClaimsPrincipal user, UserStore users, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.CurrentPassword) || string.IsNullOrEmpty(request.NewPassword))
            return TypedResults.Problem(detail: "currentPassword and newPassword are required.", statusCode: StatusCodes.Status400BadRequest);
        try
        {
            return await users.ChangePasswordAsync(user.Identity!.Name!, request.CurrentPassword, request.NewPassword, PersonClaims.SessionId(user), ct)
                ? TypedResults.NoContent()
                : TypedResults.Problem(detail: "currentPassword: the current password is wrong.", statusCode: StatusCodes.Status400BadRequest);
        }
        catch (ArgumentException ex)
        {
            return TypedResults.Problem(detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetLanguageAsync(
        LanguageRequest? request, ClaimsPrincipal user, UserStore users, HttpContext context, CancellationToken ct)
    {
        var language = request?.Language;
        if (language is not null && !CxMonitor.Web.Alerts.AlertWording.Languages.Contains(language))
        {
            return TypedResults.Problem($"'language' must be one of {string.Join(", ", CxMonitor.Web.Alerts.AlertWording.Languages)}, or null for the browser's language.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", extensions: new Dictionary<string, object?> { ["field"] = "language" });
        }
        await users.SetLanguageAsync(user.Identity!.Name!, language, ct);
        MirrorLanguage(context, language);
        return TypedResults.NoContent();
    }

    /// <summary>The person's language is mirrored into a cookie that pages read before they know
    /// who is looking (the sign-in page, a wall opened by a person); the user store owns it.</summary>
    public const string LanguageCookie = "cx_lang";

    private static void MirrorLanguage(HttpContext context, string? language)
    {
        if (language is null)
        {
            if (context.Request.Cookies.ContainsKey(LanguageCookie))
                context.Response.Cookies.Delete(LanguageCookie, new CookieOptions { Path = "/" });
            return;
        }
        if (context.Request.Cookies[LanguageCookie] == language)
            return;
        // Readable by scripts on purpose: it holds nothing but en, ru or uk.
        context.Response.Cookies.Append(LanguageCookie, language, new CookieOptions
        {
            Path = "/", HttpOnly = false, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, MaxAge = TimeSpan.FromDays(400), IsEssential = true,
        });
    }

    private static SessionInfo Describe(UserAccount account, HttpContext context, IAntiforgery antiforgery) =>
        new(account.UserName, account.DisplayName, account.Roles, account.MustChangePassword,
            antiforgery.GetAndStoreTokens(context).RequestToken!, account.Language);
}
