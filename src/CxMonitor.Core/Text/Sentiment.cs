namespace CxMonitor.Core.Text;

/// <summary>A lexicon sentiment score from −1 (very negative) to 1 (very positive). Negators and
/// intensifiers act only inside their clause: a negator up to three words before a sentiment
/// word flips it ("not bad", "не плохо" are mildly positive) or, for an expectation, makes it a
/// complaint ("never came", "не работает"); "The courier never came. Terrible service." keeps
/// "terrible" whole. Phrases ("never again", "деньги на ветер") count as one.</summary>
public static class Sentiment
{
    /// <summary>Scores from here up read as positive, from <see cref="NegativeBelow"/> down as
    /// negative, between as neutral: one mild word ("ok", "нормально") stays neutral.</summary>
    public const double PositiveFrom = 0.3;

    public const double NegativeBelow = -0.3;

    private const int NegationReach = 3;

    public static double Score(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : Score(TextTokens.WordsAndClauseBreaks(text).ToArray());

    /// <summary>"positive", "neutral" or "negative" for a score.</summary>
    public static string Classify(double score) =>
        score >= PositiveFrom ? "positive" : score <= NegativeBelow ? "negative" : "neutral";

    /// <summary>The score of words already split by <see cref="TextTokens.WordsAndClauseBreaks"/>
    /// (or <see cref="TextTokens.Words"/>, which leaves the whole text one clause).</summary>
    public static double Score(IReadOnlyList<string> words)
    {
        double sum = 0, lonePraise = 0, clauseSum = 0;
        int hits = 0, clauseStart = 0;
        var repeated = false;
        Span<bool> used = words.Count <= 512 ? stackalloc bool[words.Count] : new bool[words.Count];
        for (var i = 0; i <= words.Count; i++)
        {
            if (i == words.Count || words[i] == TextTokens.ClauseBreak)
            {
                // A clause of one word of praise beside a complaint, or beside "again", is sarcasm
                // ("Lovely, another 45 minute queue. Brilliant.", "Great, it logged me out again"):
                // it is kept aside and counted once the rest is known.
                if (i - clauseStart == 1 && clauseSum > 0)
                    lonePraise += clauseSum;
                else
                    sum += clauseSum;
                clauseSum = 0;
                clauseStart = i + 1;
                continue;
            }
            if (used[i])
                continue;
            var negated = IsNegated(words, i, clauseStart, used);
            if (MatchPhrase(words, i, used) is { } phrase)
            {
                // A negated phrase of praise is a refusal ("не замовлятиму"); a negated complaint softens.
                clauseSum += negated ? (phrase > 0 ? -1.5 * phrase : -0.6 * phrase) : phrase;
                hits++;
                continue;
            }
            var word = words[i];
            repeated |= SentimentLexicon.Repeats.Contains(word);
            if (SentimentLexicon.Negators.Contains(word) || SentimentLexicon.Intensifiers.ContainsKey(word))
                continue;
            if (Lookup(word) is not { } stem)
                continue;
            var value = negated ? stem.Negated : stem.Score;
            if (value == 0)
                continue;
            if (i - 1 >= clauseStart && SentimentLexicon.Intensifiers.TryGetValue(words[i - 1], out var boost))
                value *= boost;
            clauseSum += value;
            hits++;
        }
        if (hits == 0)
            return 0;
        sum += sum < 0 || repeated ? -lonePraise : lonePraise;
        // Squash into (−1, 1): one strong word is clear, many mild ones add up.
        var normalized = sum / Math.Sqrt((sum * sum) + 15);
        return Math.Round(normalized, 3);
    }

    private static bool IsNegated(IReadOnlyList<string> words, int i, int clauseStart, Span<bool> used)
    {
        for (var back = 1; back <= NegationReach && i - back >= clauseStart; back++)
        {
            if (!used[i - back] && SentimentLexicon.Negators.Contains(words[i - back]))
                return true;
        }
        return false;
    }

    // Phrases by their first word's first letter; the longest phrase that fits wins.
    private static readonly Dictionary<char, SentimentPhrase[]> PhrasesByFirstLetter = SentimentLexicon.Phrases
        .GroupBy(p => p.Stems[0][0]).ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Stems.Length).ToArray());

    private static double? MatchPhrase(IReadOnlyList<string> words, int start, Span<bool> used)
    {
        if (words[start].Length == 0 || !PhrasesByFirstLetter.TryGetValue(words[start][0], out var phrases))
            return null;
        Span<int> at = stackalloc int[8];
        foreach (var phrase in phrases)
        {
            if (!Fits(phrase.Stems[0], words[start]))
                continue;
            at[0] = start;
            var found = 1;
            var j = start + 1;
            for (; found < phrase.Stems.Length && found < at.Length && j < words.Count; j++)
            {
                if (words[j] == TextTokens.ClauseBreak || j - at[found - 1] > phrase.Gap + 1)
                    break;
                if (!used[j] && Fits(phrase.Stems[found], words[j]))
                    at[found++] = j;
            }
            if (found < phrase.Stems.Length)
                continue;
            foreach (var index in at[..found])
                used[index] = true;
            return phrase.Score;
        }
        return null;
    }

    // A phrase word matches whole, or (from four letters) as the stem of a slightly longer word.
    private static bool Fits(string stem, string word) => stem.Length <= 3
        ? word == stem
        : word.StartsWith(stem, StringComparison.Ordinal) && word.Length - stem.Length <= 3;

    // Stems by their first letter: a word is compared with a handful of stems, not with all.
    private static readonly Dictionary<char, SentimentStem[]> StemsByFirstLetter =
        SentimentLexicon.Stems.GroupBy(s => s.Stem[0]).ToDictionary(g => g.Key, g => g.ToArray());

    private static SentimentStem? Lookup(string word)
    {
        if (word.Length == 0 || !StemsByFirstLetter.TryGetValue(word[0], out var stems))
            return null;
        SentimentStem? best = null;
        var bestLength = 0;
        foreach (var stem in stems)
        {
            // A stem ending in '$' is a whole word: "лучше" (better) is not "лучшее" (the best).
            if (stem.Stem[^1] == '$')
            {
                if (word.Length == stem.Stem.Length - 1 && stem.Stem.StartsWith(word, StringComparison.Ordinal))
                    return stem;
                continue;
            }
            // The longest matching stem wins: "unfriendly" is not "friendly".
            if (stem.Stem.Length > bestLength && word.StartsWith(stem.Stem, StringComparison.Ordinal) && (word.Length - stem.Stem.Length) <= 6)
            {
                best = stem;
                bestLength = stem.Stem.Length;
            }
        }
        return best;
    }
}
