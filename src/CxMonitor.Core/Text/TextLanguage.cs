namespace CxMonitor.Core.Text;

/// <summary>Tells English, Russian and Ukrainian apart (and says "und" when it cannot): the
/// script first, then letters only one of the two Cyrillic languages uses (і ї є ґ against
/// ы э ъ ё), then frequent short words.</summary>
public static class TextLanguage
{
    private static readonly HashSet<string> Russian = new(StringComparer.Ordinal) { "и", "не", "что", "это", "как", "был", "была", "было", "спасибо", "очень", "все", "мне", "нет", "уже", "где", "когда", "только", "его", "она", "они" };
    private static readonly HashSet<string> Ukrainian = new(StringComparer.Ordinal) { "і", "й", "не", "що", "це", "як", "був", "була", "було", "дякую", "дуже", "все", "мені", "немає", "вже", "де", "коли", "тільки", "його", "вона", "вони" };

    /// <summary>"en", "ru", "uk", or "und".</summary>
    public static string Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "und";
        int latin = 0, cyrillic = 0, ukrainianLetters = 0, russianLetters = 0;
        foreach (var upper in text)
        {
            var c = TextTokens.LowerChar(upper);
            if (c is >= 'a' and <= 'z')
                latin++;
            else if (c is >= 'а' and <= 'я' or 'ё' or 'і' or 'ї' or 'є' or 'ґ')
                cyrillic++;
            if (c is 'і' or 'ї' or 'є' or 'ґ')
                ukrainianLetters++;
            else if (c is 'ы' or 'э' or 'ъ' or 'ё')
                russianLetters++;
        }
        if (latin == 0 && cyrillic == 0)
            return "und";
        if (latin > cyrillic)
            return "en";
        if (ukrainianLetters != russianLetters)
            return ukrainianLetters > russianLetters ? "uk" : "ru";
        var words = TextTokens.Words(text).ToList();
        var ru = words.Count(Russian.Contains);
        var uk = words.Count(Ukrainian.Contains);
        return uk > ru ? "uk" : "ru";
    }
}
