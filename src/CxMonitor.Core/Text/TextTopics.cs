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

    /// <summary>Topics mentioned, in dictionary order.</summary>
    public IReadOnlyList<string> Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return [];
        var words = TextTokens.Words(text).ToArray();
        return topics.Where(t => t.Value.Any(stem => words.Any(w => w.StartsWith(stem, StringComparison.Ordinal)))).Select(t => t.Key).ToArray();
    }
}
