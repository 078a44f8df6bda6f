using System.Text.RegularExpressions;

namespace CxMonitor.Web.Capture;

/// <summary>The spam filter for comments typed on public pages: links and e-mail addresses (what
/// spam is for; a customer who wants to be called uses the consent box), key-mashing runs of one
/// character, and swear words (the stems the wall masks, wwwroot/js/profanity.js). A refused
/// comment refuses its answer, with the rule, so the customer can change it and send again.</summary>
public static partial class CommentFilter
{
    [GeneratedRegex(@"(https?://|www\.|\b[\w.-]+\.(com|net|org|ru|ua|io|xyz|top|info)\b|[\w.+-]+@[\w-]+\.[\w.]+|<\s*a\s)", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    [GeneratedRegex(@"(\S)\1{9,}")]
    private static partial Regex Mashing();

    [GeneratedRegex(@"\p{L}*(fuck|shit|bitch|asshole|хуй|хуе|пизд|бля|ебан|сука|піздец)\p{L}*", RegexOptions.IgnoreCase)]
    private static partial Regex Profanity();

    public static string? Refuses(string comment)
    {
        if (Link().IsMatch(comment))
            return "may not hold links or e-mail addresses (to be contacted, tick the consent box)";
        if (Mashing().IsMatch(comment))
            return "may not repeat one character ten times or more";
        if (Profanity().IsMatch(comment))
            return "may not hold swear words";
        return null;
    }
}
