using System.Net;
using System.Text;

namespace CxMonitor.Core.Text;

/// <summary>Plain text from the HTML some platforms deliver in reviews: tags dropped (script and
/// style with their content), block ends and line breaks kept as new lines, entities decoded,
/// runs of blank space collapsed. Text without '&lt;' or '&amp;' comes back as it is.</summary>
public static class TextHtml
{
    private static readonly string[] BreakingTags = ["br", "p", "/p", "div", "/div", "li", "/li", "tr", "/tr", "h1", "h2", "h3", "/h1", "/h2", "/h3"];

    public static string Strip(string? html)
    {
        if (string.IsNullOrEmpty(html))
            return string.Empty;
        if (html.IndexOfAny(['<', '&']) < 0)
            return html.Trim();
        var sb = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '<' && i + 1 < html.Length && (char.IsLetter(html[i + 1]) || html[i + 1] is '/' or '!'))
            {
                var end = html.IndexOf('>', i + 1);
                if (end < 0)
                    break; // an unterminated tag: what follows is markup, not text
                var name = TagName(html, i + 1, end);
                if (name is "script" or "style")
                {
                    // Skip to the end of the closing tag; without one the rest is script.
                    var close = html.IndexOf("</" + name, end, StringComparison.OrdinalIgnoreCase);
                    var closeEnd = close < 0 ? -1 : html.IndexOf('>', close);
                    end = closeEnd < 0 ? html.Length - 1 : closeEnd;
                }
                else if (Array.IndexOf(BreakingTags, name) >= 0)
                {
                    sb.Append('\n');
                }
                i = end + 1;
                continue;
            }
            sb.Append(c);
            i++;
        }
        return Collapse(WebUtility.HtmlDecode(sb.ToString()));
    }

    private static string TagName(string html, int start, int end)
    {
        var j = start;
        if (j < end && html[j] == '/')
            j++;
        while (j < end && (char.IsLetterOrDigit(html[j]) || html[j] == '!'))
            j++;
        return html[start..j].ToLowerInvariant();
    }

    private static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        var pendingBreaks = 0;
        foreach (var c in text)
        {
            if (c == '\n')
                pendingBreaks++;
            else if (char.IsWhiteSpace(c))
                pendingSpace = true;
            else
            {
                if (sb.Length > 0 && pendingBreaks > 0)
                    sb.Append(pendingBreaks > 1 ? "\n\n" : "\n");
                else if (sb.Length > 0 && pendingSpace)
                    sb.Append(' ');
                sb.Append(c);
                pendingSpace = false;
                pendingBreaks = 0;
            }
        }
        return sb.ToString();
    }
}
