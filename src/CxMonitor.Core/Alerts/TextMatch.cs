using System.Globalization;
using System.Text;

namespace CxMonitor.Core.Alerts;

/// <summary>Matches keywords and phrases without regard to case or diacritics, on word
/// boundaries, in any script: "Отравление" matches "отравление", "café" matches "cafe",
/// "food poisoning" matches "Food  poisoning!".</summary>
public static class TextMatch
{
    /// <summary>Lower case, diacritics removed, every run of non-letters one space, padded with spaces.</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append(' ');
        var space = true;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                continue;
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }
        if (!space)
            sb.Append(' ');
        return sb.ToString();
    }

    /// <summary>The words of the text that the first matching keyword found (normalised: a prefix
    /// keyword such as "отрав*" gives the whole word, "отравился", which is what a reader wants to
    /// see), or null.</summary>
    public static string? FirstMatch(string? text, IReadOnlyList<string> normalizedKeywords)
    {
        if (string.IsNullOrEmpty(text) || normalizedKeywords.Count == 0)
            return null;
        var normalized = Normalize(text);
        foreach (var keyword in normalizedKeywords)
        {
            var at = normalized.IndexOf(keyword, StringComparison.Ordinal);
            if (at < 0)
                continue;
            var end = keyword.EndsWith(' ') ? at + keyword.Length : normalized.IndexOf(' ', at + keyword.Length);
            return normalized[at..end].Trim();
        }
        return null;
    }
}
