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
                yield return text[start..i].ToLowerInvariant().Replace('’', '\'').Replace('ʼ', '\'');
                start = -1;
            }
        }
    }
}
