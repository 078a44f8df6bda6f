using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Access;

/// <summary>Authenticates the <c>X-Api-Key</c> header against <see cref="ApiKeyStore"/> and
/// answers challenges with problem details that say what to fix. The key never reaches a log:
/// failure messages are fixed texts.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string MissingKey = "Sign in, or send an API key in the X-Api-Key header.";
    public const string MalformedKey = "The API key is malformed: expected cxk_<key id>_<secret> as printed by 'cxmonitor keys create'.";
    public const string UnknownKey = "The API key is unknown or revoked.";
    public const string SeveralKeys = "Send exactly one X-Api-Key header.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var values = Request.Headers[ApiKeyDefaults.Header];
        if (values.Count == 0 || string.IsNullOrEmpty(values[0]))
            return AuthenticateResult.NoResult();
        if (values.Count > 1)
            return Reject(SeveralKeys);
        var presented = values[0]!.Trim();
        if (!ApiKeyFormat.TrySplit(presented, out _, out _))
            return Reject(MalformedKey);
        var key = await store.ValidateAsync(presented, Context.RequestAborted);
        return key is null
            ? Reject(UnknownKey)
            : AuthenticateResult.Success(new AuthenticationTicket(ApiKeyClaims.PrincipalOf(key), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = $"{ApiKeyDefaults.Scheme} header=\"{ApiKeyDefaults.Header}\"";
        if (result.Failure is null or ApiKeyRejectedException or OperationCanceledException)
        {
            await AccessProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, result.Failure?.Message ?? MissingKey);
            return;
        }
        // Anything else is the store failing (e.g. the database file is unreadable): not the caller's fault.
        Logger.LogError(result.Failure, "Could not check an API key");
        await AccessProblems.WriteAsync(Context, StatusCodes.Status503ServiceUnavailable, "API keys cannot be checked right now; try again shortly.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AccessProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "This API key is not allowed to use this endpoint.");

    private static AuthenticateResult Reject(string detail) => AuthenticateResult.Fail(new ApiKeyRejectedException(detail));

    private sealed class ApiKeyRejectedException(string detail) : Exception(detail);
}
