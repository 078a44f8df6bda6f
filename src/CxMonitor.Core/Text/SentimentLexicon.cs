namespace CxMonitor.Core.Text;

/// <summary>A word stem's polarity (−3 … 3) and what it is worth after a negator in its clause.
/// Most words flip and soften ("not bad" is mildly good); some are neutral until negated ("the
/// courier never came", "не работает"), and a recommendation refused is a strong complaint.</summary>
internal readonly record struct SentimentStem(string Stem, double Score, double Negated);

/// <summary>Words that count together, in order, inside one clause ("деньги на ветер"); with a
/// gap, up to that many other words may stand between them ("never ordering from here again").</summary>
internal readonly record struct SentimentPhrase(string[] Stems, double Score, int Gap);

/// <summary>Compact lexicons of our own for customer comments in English, Russian and Ukrainian:
/// word stems, phrases, negators and intensifiers. Stems match the start of a word, so "rude"
/// covers "rudely" and "груб" covers "грубый", "грубо", "грубість", "нагрубила".</summary>
internal static partial class SentimentLexicon
{
    private const double NegationFactor = -0.6;

    // A word that simply flips and softens when negated.
    private static SentimentStem W(string stem, double score) => new(stem, score, score * NegationFactor);

    // A word with its own negated value: an expectation ("arrived", "работает") or a verdict.
    private static SentimentStem E(string stem, double score, double negated) => new(stem, score, negated);

    private static SentimentPhrase P(string phrase, double score, int gap = 0) => new(phrase.Split(' '), score, gap);

    public static readonly SentimentStem[] Stems = [.. English, .. Russian, .. Ukrainian];

    public static readonly SentimentPhrase[] Phrases = [.. EnglishPhrases, .. RussianPhrases, .. UkrainianPhrases];

    public static readonly HashSet<string> Negators = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "isn't", "wasn't", "aren't", "weren't", "don't", "didn't", "doesn't", "can't", "cannot", "won't",
        "couldn't", "wouldn't", "haven't", "hasn't", "hadn't", "hardly", "nobody", "nothing", "none", "nor", "neither",
        "не", "нет", "ни", "никогда", "никто", "ничего", "никаких", "никакой", "никакого", "без", "нисколько",
        "ніколи", "ні", "немає", "ніхто", "нічого", "жодних", "жодного", "жодної", "жоден", "жодна", "без",
    };

    /// <summary>"Again" and its kin: beside them, a lone word of praise is sarcasm.</summary>
    public static readonly HashSet<string> Repeats = new(StringComparer.Ordinal)
    {
        "again", "another", "опять", "снова", "очередной", "очередная", "очередное", "знову", "черговий", "чергова", "чергове",
    };

    public static readonly Dictionary<string, double> Intensifiers = new(StringComparer.Ordinal)
    {
        ["very"] = 1.5, ["really"] = 1.4, ["so"] = 1.3, ["extremely"] = 1.8, ["absolutely"] = 1.7, ["totally"] = 1.5, ["too"] = 1.3,
        ["super"] = 1.5, ["incredibly"] = 1.7, ["completely"] = 1.6, ["utterly"] = 1.8, ["just"] = 1.1, ["such"] = 1.3,
        ["much"] = 1.4, ["occasional"] = 0.5, ["occasionally"] = 0.5, ["sometimes"] = 0.5, ["slightly"] = 0.6, ["somewhat"] = 0.7, ["bit"] = 0.7, ["little"] = 0.7, ["rather"] = 0.8, ["quite"] = 1.1,
        ["очень"] = 1.5, ["крайне"] = 1.8, ["совсем"] = 1.5, ["слишком"] = 1.4, ["абсолютно"] = 1.7, ["немного"] = 0.6, ["довольно"] = 1.2,
        ["просто"] = 1.2, ["совершенно"] = 1.6, ["невероятно"] = 1.7, ["максимально"] = 1.6, ["сильно"] = 1.4, ["намного"] = 1.5, ["гораздо"] = 1.5, ["иногда"] = 0.5, ["изредка"] = 0.5, ["чуть"] = 0.6, ["слегка"] = 0.6,
        ["дуже"] = 1.5, ["надзвичайно"] = 1.8, ["зовсім"] = 1.5, ["занадто"] = 1.4, ["трохи"] = 0.6, ["досить"] = 1.2,
        ["просто"] = 1.2, ["цілком"] = 1.5, ["неймовірно"] = 1.7, ["максимально"] = 1.6, ["сильно"] = 1.4, ["набагато"] = 1.5, ["значно"] = 1.5, ["інколи"] = 0.5, ["іноді"] = 0.5, ["трішки"] = 0.6, ["злегка"] = 0.6,
    };
}
