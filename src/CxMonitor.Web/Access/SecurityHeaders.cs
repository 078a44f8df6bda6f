namespace CxMonitor.Web.Access;

/// <summary>Headers on every response, static files included. The content security policy
/// allows scripts and styles from our own origin only: no inline scripts, no CDNs, so an
/// injected comment on a wall display cannot run code. An endpoint may carry its own policy
/// (<see cref="ContentSecurityPolicyMetadata"/>); it applies to that endpoint's answers only.</summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; media-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            // A path with its own policy (the jobs dashboard) keeps it; only an endpoint that says so may
            // be framed, and only by the origins it names (the survey widget).
            var policy = context.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicyMetadata>()?.Policy ?? ContentSecurityPolicy;
            if (context.GetEndpoint()?.Metadata.GetMetadata<FrameAncestors>() is { } framing)
            {
                headers.ContentSecurityPolicy = policy.Replace("frame-ancestors 'none'", "frame-ancestors " + framing.Sources(context), StringComparison.Ordinal);
            }
            else
            {
                headers.ContentSecurityPolicy = policy;
                headers.XFrameOptions = "DENY";
            }
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}

/// <summary>Endpoint metadata: the page may be framed by these CSP sources (e.g. "https://shop.example.com"),
/// or by none when the list is empty.</summary>
public sealed class FrameAncestors(Func<HttpContext, IReadOnlyCollection<string>> sources)
{
    public string Sources(HttpContext context) => sources(context) is { Count: > 0 } list ? string.Join(' ', list) : "'none'";
}
