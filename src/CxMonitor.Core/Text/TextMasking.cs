using System.Text.RegularExpressions;

namespace CxMonitor.Core.Text;

/// <summary>Hides e-mail addresses and phone numbers before a comment is shown on a screen.</summary>
public static partial class TextMasking
{
    public static string Mask(string text) =>
        Phone().Replace(Email().Replace(text, "[email]"), m => m.Value.Count(char.IsDigit) >= 7 ? "[phone]" : m.Value);

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"\+?\d[\d\s().-]{6,}\d")]
    private static partial Regex Phone();
}
