namespace CxMonitor.Core.Text;

/// <summary>Lower-case words of a text (letters and apostrophes), in order.</summary>
public static class TextTokens
{
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetter(text[i]) || (start >= 0 && text[i] is '\'' or '’' or 'ʼ'));
            if (inWord && start < 0)
                start = i;
            else if (!inWord && start >= 0)
            {
                yield return Lower(text.AsSpan(start, i - start));
                start = -1;
            }
        }
    }

    // Latin and Cyrillic by arithmetic: the culture-aware ToLowerInvariant goes through ICU for
    // every word, a noticeable share of a million-review import.
    private static string Lower(ReadOnlySpan<char> word) => string.Create(word.Length, word, static (target, source) =>
    {
        for (var i = 0; i < source.Length; i++)
            target[i] = LowerChar(source[i]);
    });

    internal static char LowerChar(char c) => c switch
            {
                >= 'A' and <= 'Z' => (char)(c + 32),
                >= 'a' and <= 'z' => c,
                >= 'А' and <= 'Я' => (char)(c + 32),
                >= 'а' and <= 'я' => c,
                >= 'Ѐ' and <= 'Џ' => (char)(c + 80),
                'Ґ' => 'ґ',
                '’' or 'ʼ' => '\'',
                _ => char.ToLowerInvariant(c),
            };
}
