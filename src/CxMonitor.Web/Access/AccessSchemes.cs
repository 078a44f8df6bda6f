namespace CxMonitor.Web.Access;

/// <summary>Authentication schemes. <see cref="Default"/> picks one per request: an API key when
/// the request carries one, the person's cookie when it carries that, and for the API without
/// either the API-key scheme (so a client learns to send a key) or for pages the cookie scheme
/// (so a person is sent to the sign-in page).</summary>
public static class AccessSchemes
{
    public const string Default = "CxMonitor";

    public const string Cookie = "Cookies";

    public const string CookieName = "cx_session";

    public const string DisplayScheme = "Display";

    public const string DisplayCookie = "cx_display";

    public static bool IsMachinePath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);

    public static string Select(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey(ApiKeyDefaults.Header))
            return ApiKeyDefaults.Scheme;
        if (context.Request.Cookies.ContainsKey(CookieName))
            return Cookie;
        // A wall screen paired with a display token (Pages/DisplayAuthenticationHandler).
        if (context.Request.Cookies.ContainsKey(DisplayCookie))
            return DisplayScheme;
        return IsMachinePath(context.Request.Path) ? ApiKeyDefaults.Scheme : Cookie;
    }
}
