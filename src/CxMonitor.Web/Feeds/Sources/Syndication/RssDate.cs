using System.Globalization;
using System.Text.RegularExpressions;

namespace CxMonitor.Web.Feeds.Sources.Syndication;

/// <summary>RFC 822 dates as RSS writes them ("Tue, 10 Jun 2003 04:00:00 GMT", "+0300", "EST"),
/// which .NET's parsers do not read: they know neither named zones nor two-digit years.</summary>
internal static partial class RssDate
{
    [GeneratedRegex(@"^\s*(?:[A-Za-z]{3,9},?\s*)?(?<day>\d{1,2})\s+(?<month>[A-Za-z]{3,9})\.?\s+(?<year>\d{2}|\d{4})\s+(?<h>\d{1,2}):(?<m>\d{2})(?::(?<s>\d{2}))?\s*(?<zone>[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc822();

    static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5,
        ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
        // Not in RFC 822, but written by European and Russian feeds.
        ["BST"] = 1, ["CET"] = 1, ["CEST"] = 2, ["EET"] = 2, ["EEST"] = 3, ["MSK"] = 3,
    };

    public static bool TryParse(string text, out DateTimeOffset time)
    {
        time = default;
        var m = Rfc822().Match(text);
        // Some feeds put ISO 8601 in pubDate; accept it rather than lose the review's time.
        if (!m.Success) return FeedTimes.TryParse(text, null, out time);
        var month = Array.IndexOf(Months, m.Groups["month"].Value[..3].ToLowerInvariant()) + 1;
        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year < 100) year += year < 50 ? 2000 : 1900;
        if (month == 0 || !TryOffset(m.Groups["zone"].Value, out var offset)) return false;
        try
        {
            time = new DateTimeOffset(year, month, Int(m, "day"), Int(m, "h"), Int(m, "m"),
                m.Groups["s"].Success ? Int(m, "s") : 0, offset).ToUniversalTime();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    static int Int(Match m, string group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    static bool TryOffset(string zone, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        // RFC 822 requires a zone; a feed that leaves it out almost always means UTC.
        if (zone.Length == 0) return true;
        if (zone[0] is '+' or '-')
        {
            var digits = zone.Replace(":", "");
            offset = new TimeSpan(int.Parse(digits[1..3], CultureInfo.InvariantCulture), int.Parse(digits[3..5], CultureInfo.InvariantCulture), 0);
            if (zone[0] == '-') offset = -offset;
            return offset <= TimeSpan.FromHours(14);
        }
        if (ZoneHours.TryGetValue(zone, out var hours)) { offset = TimeSpan.FromHours(hours); return true; }
        // RFC 822 military zones are notoriously signed the wrong way round in practice; only Z is safe.
        return false;
    }
}
