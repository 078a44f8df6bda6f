using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Access;

/// <summary>WebSockets are not bound by the same-origin policy: a page on another site could open
/// our hub with the viewer's cookie. So a hub request that carries an Origin must come from our
/// own origin or one listed in <see cref="AccessOptions.AllowedOrigins"/>. Clients that are not
/// browsers (no Origin) authenticate with a key instead.</summary>
internal sealed class HubOriginCheck(RequestDelegate next, IOptionsMonitor<AccessOptions> options)
{
    // Not async: a request it lets through costs no state machine of its own (issue 19).
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
            && context.Request.Headers.Origin.ToString() is { Length: > 0 } origin
            && !IsAllowed(origin, context.Request))
        {
            return AccessProblems.WriteAsync(context, StatusCodes.Status403Forbidden, $"Origin '{origin}' may not open the live channel.");
        }
        return next(context);
    }

    private bool IsAllowed(string origin, HttpRequest request)
    {
        if (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
            return true;
        return options.CurrentValue.AllowedOrigins.Any(o => string.Equals(o.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }
}
