namespace CxMonitor.Core.Text;

/// <summary>What a comment is about, from a dictionary of topics and word stems in several
/// languages (configurable; <see cref="Default"/> covers a retail or service chain).</summary>
public sealed class TextTopics(IReadOnlyDictionary<string, string[]> topics)
{
    public static readonly IReadOnlyDictionary<string, string[]> Default = new Dictionary<string, string[]>
    {
        ["staff"] = ["staff", "employee", "cashier", "waiter", "manager", "rude", "polite", "груб", "хам", "вежлив", "ввічлив", "персонал", "сотрудник", "кассир", "продавец", "официант", "працівник", "касир", "продавц", "офіціант"],
        ["waiting"] = ["wait", "queue", "line", "slow", "долго", "очеред", "ждал", "ожидан", "довго", "черг", "чекал", "чекан"],
        ["cleanliness"] = ["clean", "dirty", "mess", "toilet", "чист", "грязн", "туалет", "брудн"],
        ["price"] = ["price", "expensive", "cheap", "cost", "цен", "дорог", "дешев", "цін", "вартіст"],
        ["delivery"] = ["deliver", "courier", "shipping", "parcel", "доставк", "курьер", "посылк", "кур'єр", "посилк"],
        ["product quality"] = ["quality", "broken", "fresh", "stale", "defect", "качеств", "сломан", "свеж", "брак", "якіст", "зламан", "свіж"],
        ["payment"] = ["pay", "card", "cashless", "refund", "receipt", "оплат", "карт", "возврат", "чек", "повернен"],
        ["app"] = ["app", "website", "login", "crash", "приложени", "сайт", "застосунок", "додаток"],
    };

    // Stems by their first letter, each with its topic's position: a word meets a handful of stems.
    private readonly Dictionary<char, (string Stem, int Topic)[]> _stems = topics
        .SelectMany((t, i) => t.Value.Where(s => s.Length > 0).Select(s => (Stem: s.ToLowerInvariant(), Topic: i)))
        .GroupBy(s => s.Stem[0]).ToDictionary(g => g.Key, g => g.ToArray());

    private readonly string[] _names = topics.Keys.ToArray();

    public IReadOnlyCollection<string> Names => _names;

    /// <summary>Topics mentioned, in dictionary order.</summary>
    public IReadOnlyList<string> Of(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : Of(TextTokens.Words(text).ToArray());

    /// <summary>Topics of words already split by <see cref="TextTokens.Words"/>.</summary>
    public IReadOnlyList<string> Of(IReadOnlyList<string> words)
    {
        var found = new bool[_names.Length];
        var any = false;
        foreach (var word in words)
        {
            if (word.Length == 0 || !_stems.TryGetValue(word[0], out var stems))
                continue;
            foreach (var (stem, topic) in stems)
            {
                if (!found[topic] && word.StartsWith(stem, StringComparison.Ordinal))
                    found[topic] = any = true;
            }
        }
        if (!any)
            return [];
        var result = new List<string>();
        for (var i = 0; i < found.Length; i++)
        {
            if (found[i])
                result.Add(_names[i]);
        }
        return result;
    }
}
