using System.Security.Claims;
using System.Text.Encodings.Web;
using CxMonitor.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Pages;

/// <summary>Authenticates a wall screen by its display token (cookie <c>cx_display</c>): no session
/// to expire, valid until an admin revokes it. A screen may only read.</summary>
public sealed class DisplayAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, DisplayTokens tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = AccessSchemes.DisplayScheme;
    public const string Cookie = AccessSchemes.DisplayCookie;
    public const string Role = "Display";
    public const string BoardClaim = "cx:board";

    /// <summary>The display token's id: open live connections of the screen are checked with it.</summary>
    public const string IdClaim = "cx:display";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(Cookie, out var token))
            return AuthenticateResult.NoResult();
        if (await tokens.ValidateAsync(token, Context.RequestAborted) is not { } display)
            return AuthenticateResult.Fail("The display token is unknown or revoked: pair the screen again.");
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "display:" + display.Name), new Claim(ClaimTypes.Role, Role), new Claim(BoardClaim, display.Board), new Claim(IdClaim, display.Id)], SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (AccessSchemes.IsMachinePath(Request.Path))
            return AccessProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "This screen's display token was revoked: pair it again.");
        Response.Redirect("/login?return=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AccessSchemes.IsMachinePath(Request.Path)
            ? AccessProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "A wall screen may only read.")
            : Task.Run(() => Response.Redirect("/forbidden"));
}
