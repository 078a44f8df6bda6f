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

    /// <summary>The first keyword found in the text (both as given; normalised here), or null.</summary>
    public static string? FirstMatch(string? text, IReadOnlyList<string> normalizedKeywords)
    {
        if (string.IsNullOrEmpty(text) || normalizedKeywords.Count == 0)
            return null;
        var normalized = Normalize(text);
        foreach (var keyword in normalizedKeywords)
        {
            if (normalized.Contains(keyword, StringComparison.Ordinal))
                return keyword.Trim();
        }
        return null;
    }
}
