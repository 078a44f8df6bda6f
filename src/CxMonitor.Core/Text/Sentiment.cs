namespace CxMonitor.Core.Text;

/// <summary>A lexicon sentiment score from −1 (very negative) to 1 (very positive). A negator
/// up to three words before a sentiment word flips and softens it ("not bad", "не плохо", "не
/// погано" are mildly positive); an intensifier just before it strengthens or weakens it.</summary>
public static class Sentiment
{
    private const double NegationFactor = -0.6;

    public static double Score(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : Score(TextTokens.Words(text).ToArray());

    /// <summary>The score of words already split by <see cref="TextTokens.Words"/>.</summary>
    public static double Score(IReadOnlyList<string> words)
    {
        double sum = 0;
        var hits = 0;
        for (var i = 0; i < words.Count; i++)
        {
            if (SentimentLexicon.Negators.Contains(words[i]) || SentimentLexicon.Intensifiers.ContainsKey(words[i]))
                continue;
            var polarity = Polarity(words[i]);
            if (polarity == 0)
                continue;
            double value = polarity;
            if (i > 0 && SentimentLexicon.Intensifiers.TryGetValue(words[i - 1], out var boost))
                value *= boost;
            for (var back = 1; back <= 3 && i - back >= 0; back++)
            {
                if (SentimentLexicon.Negators.Contains(words[i - back]))
                {
                    value *= NegationFactor;
                    break;
                }
            }
            sum += value;
            hits++;
        }
        if (hits == 0)
            return 0;
        // Squash into (−1, 1): one strong word is clear, many mild ones add up.
        var normalized = sum / Math.Sqrt((sum * sum) + 15);
        return Math.Round(normalized, 3);
    }

    // Stems by their first letter: a word is compared with a handful of stems, not with all.
    private static readonly Dictionary<char, (string Stem, int Score)[]> StemsByFirstLetter =
        SentimentLexicon.Stems.GroupBy(s => s.Stem[0]).ToDictionary(g => g.Key, g => g.ToArray());

    private static int Polarity(string word)
    {
        if (word.Length == 0 || !StemsByFirstLetter.TryGetValue(word[0], out var stems))
            return 0;
        var best = 0;
        var bestLength = 0;
        foreach (var (stem, score) in stems)
        {
            // The longest matching stem wins: "unfriendly" is not "friendly".
            if (stem.Length > bestLength && word.StartsWith(stem, StringComparison.Ordinal) && (word.Length - stem.Length) <= 6)
            {
                best = score;
                bestLength = stem.Length;
            }
        }
        return best;
    }
}
