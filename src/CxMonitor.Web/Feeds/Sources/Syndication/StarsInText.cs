using System.Globalization;
using System.Text.RegularExpressions;

namespace CxMonitor.Web.Feeds.Sources.Syndication;

/// <summary>Finds the stars a review site wrote into a title or text, because most review
/// feeds have no element for them ("Rated 4 out of 5 — great service", "★★★★☆").</summary>
internal sealed partial class StarsInText
{
    // Order matters: "4 out of 5 stars" must be read by the first pattern, not as "5 stars".
    // The look-arounds keep "4 out of 5.5" and "10/10" from reading as ratings out of five.
    [GeneratedRegex(@"(?<![\d.,])(?<stars>[1-5])(?:[.,]0)?\s*(?:out\s+of|of|из|з|із)\s*5(?!\d|[.,]\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutOfFive();

    [GeneratedRegex(@"(?<![\d.,/])(?<stars>[1-5])(?:[.,]0)?\s*/\s*5(?!\d|[.,]\d|/)", RegexOptions.CultureInvariant)]
    private static partial Regex Slash();

    [GeneratedRegex(@"(?<![\d.,])(?<stars>[1-5])\s*(?:stars?\b|зв[её]зд|зір)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Counted();

    // Only a full row of five (filled and empty) is unambiguous: "★★★" alone may be a rating
    // on a scale of three or decoration.
    [GeneratedRegex("(?<full>★{0,5})(?<empty>☆{0,5})", RegexOptions.CultureInvariant)]
    private static partial Regex Glyphs();

    readonly Regex? _custom;

    public StarsInText(string? customPattern)
    {
        if (customPattern is null) return;
        _custom = new Regex(customPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (Array.IndexOf(_custom.GetGroupNames(), "stars") < 0)
            throw new ArgumentException($"StarsPattern '{customPattern}' has no named group 'stars'.", nameof(customPattern));
    }

    public int? Find(string? text) => Read(text)?.Stars;

    /// <summary>The stars and the text they were read from ("Rated 4 out of 5", "★★☆☆☆").</summary>
    public (int Stars, int Index, int Length)? Read(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (_custom?.Match(text) is { Success: true } custom && ToInt(custom.Groups["stars"].Value) is { } fromCustom)
            return (fromCustom, custom.Index, custom.Length);
        foreach (var pattern in new[] { OutOfFive(), Slash(), Counted() })
            if (pattern.Match(text) is { Success: true } m && ToInt(m.Groups["stars"].Value) is { } stars)
                return (stars, m.Index, m.Length);
        if (text.Contains('★') || text.Contains('☆'))
            for (var m = Glyphs().Match(text); m.Success; m = m.NextMatch())
                if (m.Length == 5 && m.Groups["full"].Length > 0)
                    return (m.Groups["full"].Length, m.Index, m.Length);
        return null;
    }

    /// <summary>A title without the rating read from it, and without the words and marks that
    /// only framed it ("Rated 4 out of 5 — Friendly" becomes "Friendly"); null when nothing is left.</summary>
    public static string? Without(string title, int index, int length)
    {
        var before = RatedWord().Replace(title[..index], "");
        var after = title[(index + length)..];
        // "4 out of 5 stars": the unit after the number goes with it.
        after = StarsWord().Replace(after, "");
        var rest = (before.TrimEnd(Separators) + " " + after.TrimStart(Separators)).Trim().Trim(Separators).Trim();
        return rest.Length == 0 ? null : rest;
    }

    static readonly char[] Separators = [' ', '\t', ':', '-', '–', '—', '|', '·', '•', ',', '.', '!', '(', ')', '[', ']'];

    [GeneratedRegex(@"(?:rated|rating|score|оценка|рейтинг|оцінка)\s*:?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RatedWord();

    [GeneratedRegex(@"^\s*(?:stars?\b|зв[её]зд\w*|зір\w*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StarsWord();

    internal static int? ToInt(string value)
    {
        value = value.Trim();
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        // Feeds write "4.0" or "4,0"; a fractional rating is rounded like the site rounds its stars.
        return decimal.TryParse(value.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
            ? (int)Math.Round(d, MidpointRounding.AwayFromZero)
            : null;
    }
}
