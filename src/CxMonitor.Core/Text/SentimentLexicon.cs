namespace CxMonitor.Core.Text;

/// <summary>Compact lexicons of our own for customer comments: word stems with a polarity from
/// −3 to 3, negators and intensifiers, in English, Russian and Ukrainian. Stems match the start
/// of a word, so "rude" covers "rudely" and "груб" covers "грубый", "грубо", "грубість".</summary>
internal static class SentimentLexicon
{
    public static readonly (string Stem, int Score)[] Stems =
    [
        // English
        ("excellent", 3), ("amazing", 3), ("perfect", 3), ("fantastic", 3), ("wonderful", 3), ("love", 3), ("great", 2), ("good", 2),
        ("nice", 2), ("friendly", 2), ("helpful", 2), ("fast", 1), ("quick", 1), ("clean", 1), ("polite", 2), ("happy", 2), ("recommend", 2),
        ("fine", 1), ("ok", 1), ("bad", -2), ("terrible", -3), ("awful", -3), ("horrible", -3), ("worst", -3), ("hate", -3), ("rude", -2),
        ("slow", -2), ("dirty", -2), ("cold", -1), ("broken", -2), ("wrong", -2), ("poor", -2), ("disappoint", -2),
        ("queue", -1), ("expensive", -1), ("never", -1), ("poison", -3), ("unfriendly", -2), ("unhelpful", -2), ("mess", -2),
        // Russian
        ("отличн", 3), ("прекрасн", 3), ("замечательн", 3), ("великолепн", 3), ("супер", 3), ("хорош", 2), ("вежлив", 2), ("приятн", 2),
        ("быстр", 1), ("чист", 1), ("доволен", 2), ("довольн", 2), ("рекоменд", 2), ("спасибо", 2), ("нормальн", 1), ("плох", -2),
        ("ужасн", -3), ("отвратительн", -3), ("кошмар", -3), ("худш", -3), ("груб", -2), ("медленн", -2), ("долго", -1), ("грязн", -2),
        ("холодн", -1), ("сломан", -2), ("хамств", -3), ("хам", -2), ("очеред", -1), ("дорог", -1), ("разочаров", -2), ("отрав", -3),
        // Ukrainian
        ("відмінн", 3), ("чудов", 3), ("прекрасн", 3), ("супер", 3), ("добр", 2), ("гарн", 2), ("ввічлив", 2), ("приємн", 2), ("швидк", 1),
        ("чист", 1), ("задоволен", 2), ("рекоменд", 2), ("дякую", 2), ("нормальн", 1), ("поган", -2), ("жахлив", -3), ("огидн", -3),
        ("найгірш", -3), ("груб", -2), ("повільн", -2), ("довго", -1), ("брудн", -2), ("холодн", -1), ("зламан", -2), ("хамств", -3),
        ("черг", -1), ("дорог", -1), ("розчаров", -2), ("отру", -3),
    ];

    public static readonly HashSet<string> Negators = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "isn't", "wasn't", "aren't", "weren't", "don't", "didn't", "doesn't", "can't", "cannot", "won't", "hardly",
        "не", "нет", "ни", "никогда", "ніколи", "ні", "немає",
    };

    public static readonly Dictionary<string, double> Intensifiers = new(StringComparer.Ordinal)
    {
        ["very"] = 1.5, ["really"] = 1.4, ["so"] = 1.3, ["extremely"] = 1.8, ["absolutely"] = 1.7, ["totally"] = 1.5, ["too"] = 1.3,
        ["slightly"] = 0.6, ["somewhat"] = 0.7, ["bit"] = 0.7,
        ["очень"] = 1.5, ["крайне"] = 1.8, ["совсем"] = 1.5, ["слишком"] = 1.4, ["абсолютно"] = 1.7, ["немного"] = 0.6, ["довольно"] = 1.2,
        ["дуже"] = 1.5, ["надзвичайно"] = 1.8, ["зовсім"] = 1.5, ["занадто"] = 1.4, ["абсолютно"] = 1.7, ["трохи"] = 0.6, ["досить"] = 1.2,
    };
}
