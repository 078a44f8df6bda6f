namespace CxMonitor.Web.Access.People;

/// <summary>Where a page may send a person back to after signing in: a path on this site only.
/// wwwroot/js/return-path.js applies the same rule in the page.</summary>
public static class LocalReturnPath
{
    /// <summary>One leading '/', and no backslash or control character anywhere: browsers read '\'
    /// as '/' and drop tabs and line breaks, so <c>/\evil.example/</c> and <c>/%09/evil.example/</c>
    /// both become <c>//evil.example/</c>, another site.</summary>
    public static bool IsLocal(string? path) =>
        path is ['/', ..]
        && !path.StartsWith("//", StringComparison.Ordinal)
        && !path.Any(c => c == '\\' || char.IsControl(c));

    /// <summary>The path, query and fragment of a URI the framework made absolute from the
    /// request's Host header, which the caller controls.</summary>
    public static string WithoutHost(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps)
            ? absolute.PathAndQuery + absolute.Fragment
            : uri;
}
