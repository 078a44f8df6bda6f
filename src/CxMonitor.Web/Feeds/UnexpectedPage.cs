using System.Net;
using System.Text.RegularExpressions;
using CxMonitor.Web.Feeds.Sources;

namespace CxMonitor.Web.Feeds;

/// <summary>Names the web page a feed answered with instead of its data (a login wall, a
/// maintenance or consent page served with status 200), so that the error says what came back
/// rather than "'&lt;' is an invalid start of a value".</summary>
public static partial class UnexpectedPage
{
    /// <summary>A message when the answer is an HTML page, else null.</summary>
    public static string? Describe(string? mediaType, string body, FeedSourceKind expected)
    {
        // The body decides, not the content type alone: some servers label JSON or RSS text/html.
        var start = body.AsSpan().TrimStart().TrimStart('\uFEFF');
        var html = expected == FeedSourceKind.Json
            ? start.StartsWith("<", StringComparison.Ordinal) && (mediaType is "text/html" or "application/xhtml+xml" || LooksLikeHtml(start, body))
            : LooksLikeHtml(start, body) && !IsSyndication(start[..Math.Min(start.Length, 2000)]);
        if (!html)
            return null;
        var wanted = expected == FeedSourceKind.Json ? "JSON" : "an RSS or Atom feed";
        var title = Title().Match(body) is { Success: true } m ? WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, @"\s+", " ")).Trim() : null;
        var titled = string.IsNullOrEmpty(title) ? "without a title" : $"titled '{(title.Length > 120 ? title[..120] + "…" : title)}'";
        return $"an HTML page ({mediaType ?? "no content type"}, {titled}) came back where {wanted} was expected: check the feed's address and credentials";
    }

    private static bool LooksLikeHtml(ReadOnlySpan<char> start, string body) =>
        start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase)
            || (start.StartsWith("<", StringComparison.Ordinal) && body.Contains("<body", StringComparison.OrdinalIgnoreCase));

    private static bool IsSyndication(ReadOnlySpan<char> head) =>
        head.Contains("<rss", StringComparison.OrdinalIgnoreCase) || head.Contains("<feed", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<rdf:RDF", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Title();
}
