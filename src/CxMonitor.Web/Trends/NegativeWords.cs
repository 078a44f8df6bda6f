using System.Globalization;
using System.Text;

namespace CxMonitor.Web.Trends;

/// <summary>Counts the words of negative comments, without the small words every comment has,
/// in English, Russian and Ukrainian, so that "queue" or "черга" rises to the top.</summary>
public static class NegativeWords
{
    private static readonly HashSet<string> s_stopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "was", "were", "for", "with", "that", "this", "not", "but", "are", "you", "they", "have", "had", "has",
        "very", "too", "all", "our", "out", "from", "there", "their", "them", "what", "when", "which", "been", "just", "did",
        "didn", "don", "its", "it's", "i'm", "your", "into", "about", "after", "again", "then", "than", "only", "also", "some",
        "any", "one", "get", "got", "can", "could", "would", "should", "will", "more", "much", "even", "still", "here",
        "это", "что", "как", "так", "все", "всё", "был", "была", "было", "были", "очень", "для", "при", "уже", "или", "нет",
        "меня", "мне", "они", "она", "его", "еще", "ещё", "когда", "где", "там", "тут", "нас", "вас", "вам", "нам", "без",
        "чем", "ничего", "только", "этот", "эта", "эти",
        "це", "що", "як", "так", "все", "був", "була", "було", "були", "дуже", "для", "при", "вже", "або", "немає", "мене",
        "мені", "вони", "вона", "його", "ще", "коли", "де", "там", "тут", "нас", "вас", "вам", "нам", "без", "ніж", "нічого",
        "тільки", "лише", "цей", "ця", "ці", "але", "якщо",
    };

    public static IReadOnlyList<(string Word, int Count)> Top(IEnumerable<string> texts, int count)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            // A word counts once per comment: one angry essay must not outweigh ten short notes.
            foreach (var word in Words(text).Distinct())
                counts[word] = counts.GetValueOrDefault(word) + 1;
        }
        return counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(count).Select(p => (p.Key, p.Value)).ToArray();
    }

    public static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormC) + " ")
        {
            if (char.IsLetter(c) || (c is '\'' or '’' && word.Length > 0))
            {
                word.Append(char.ToLower(c, CultureInfo.InvariantCulture));
                continue;
            }
            if (word.Length >= 3 && !s_stopWords.Contains(word.ToString()))
                yield return word.ToString();
            word.Clear();
        }
    }
}
