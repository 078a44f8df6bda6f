namespace CxMonitor.Core.Text;

/// <summary>Lower-case words of a text (letters and apostrophes), in order.</summary>
public static class TextTokens
{
    /// <summary>Stands between clauses in <see cref="WordsAndClauseBreaks"/>: a negation or an
    /// intensifier reaches no further.</summary>
    public const string ClauseBreak = "|";

    // Words that open a new clause the way punctuation does ("fast but rude").
    private static readonly HashSet<string> Conjunctions = new(StringComparer.Ordinal)
    {
        "but", "although", "though", "however", "yet", "но", "однако", "зато", "хотя", "але", "проте", "однак", "зате", "хоча",
    };

    /// <summary>Like <see cref="Words"/>, with <see cref="ClauseBreak"/> where a sentence or
    /// clause ends (. ! ? ; : , brackets, dashes, line breaks) and in place of "but"-like
    /// conjunctions. Readers of words alone skip the break, which no stem starts with.</summary>
    public static IEnumerable<string> WordsAndClauseBreaks(string text)
    {
        var start = -1;
        var lastWasBreak = true;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '.';
            var inWord = char.IsLetter(c) || (start >= 0 && c is '\'' or '’' or 'ʼ');
            if (inWord && start < 0)
                start = i;
            else if (!inWord && start >= 0)
            {
                var word = Lower(text.AsSpan(start, i - start));
                start = -1;
                if (Conjunctions.Contains(word))
                {
                    if (!lastWasBreak)
                        yield return ClauseBreak;
                    lastWasBreak = true;
                }
                else
                {
                    yield return word;
                    lastWasBreak = false;
                }
            }
            if (!inWord && !lastWasBreak && i < text.Length && c is '.' or '!' or '?' or ';' or ':' or ',' or '(' or ')' or '\n' or '—' or '–' or '…')
            {
                yield return ClauseBreak;
                lastWasBreak = true;
            }
        }
    }

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
