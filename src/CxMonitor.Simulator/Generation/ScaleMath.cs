using CxMonitor.Simulator.Text;

namespace CxMonitor.Simulator.Generation;

/// <summary>Turns a latent 0–1 satisfaction into an answer on each scale, the way people round their feelings.</summary>
public static class ScaleMath
{
    public static (int Min, int Max) Range(string scale) => scale switch
    {
        "csat5" or "stars5" => (1, 5),
        "nps11" => (0, 10),
        "ces7" => (1, 7),
        "smiley4" => (1, 4),
        "thumbs2" => (0, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, "unknown scale"),
    };

    public static int Score(string scale, double latent)
    {
        var u = Math.Clamp(latent, 0, 1);
        return scale switch
        {
            // Four buttons split the range evenly; a thumb is up once someone is more pleased than not.
            "smiley4" => 1 + Math.Min(3, (int)(u * 4)),
            "thumbs2" => u >= 0.55 ? 1 : 0,
            // "Would you recommend us" is answered more generously than "how satisfied were you".
            "nps11" => (int)Math.Round(10 * Math.Pow(u, 0.8)),
            _ => Range(scale).Min + (int)Math.Round(u * (Range(scale).Max - Range(scale).Min)),
        };
    }

    public static Sentiment SentimentOf(string scale, int score)
    {
        if (scale == "nps11")
            return score <= 6 ? Sentiment.Negative : score >= 9 ? Sentiment.Positive : Sentiment.Neutral;
        var (min, max) = Range(scale);
        var norm = (double)(score - min) / (max - min);
        return norm < 0.4 ? Sentiment.Negative : norm >= 0.7 ? Sentiment.Positive : Sentiment.Neutral;
    }

    /// <summary>Review stars are J-shaped: people write when delighted or angry, rarely when lukewarm.</summary>
    public static int Stars(double latent) => latent switch
    {
        < 0.30 => 1,
        < 0.45 => 2,
        < 0.60 => 3,
        < 0.78 => 4,
        _ => 5,
    };
}
