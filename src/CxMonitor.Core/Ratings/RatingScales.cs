using System.Collections.ObjectModel;
using System.Globalization;

namespace CxMonitor.Core.Ratings;

/// <summary>
/// Codes, ranges and classification of every <see cref="RatingScale"/>.
/// The table with every threshold is in <c>Ratings/README.md</c>.
/// </summary>
public static class RatingScales
{
    // One row per scale, in enum order. A score at or above SatisfiedFrom is satisfied,
    // at or above NeutralFrom neutral, below it dissatisfied; a scale without a neutral
    // band has NeutralFrom == SatisfiedFrom.
    private static readonly ScaleDefinition[] _definitions =
    [
        new("csat5", Min: 1, Max: 5, SatisfiedFrom: 4, NeutralFrom: 3, IsCsatLike: true),
        new("nps11", Min: 0, Max: 10, SatisfiedFrom: 9, NeutralFrom: 7, IsCsatLike: false),
        new("ces7", Min: 1, Max: 7, SatisfiedFrom: 5, NeutralFrom: 4, IsCsatLike: false),
        new("smiley4", Min: 1, Max: 4, SatisfiedFrom: 3, NeutralFrom: 3, IsCsatLike: true),
        new("stars5", Min: 1, Max: 5, SatisfiedFrom: 4, NeutralFrom: 3, IsCsatLike: true),
        new("thumbs2", Min: 0, Max: 1, SatisfiedFrom: 1, NeutralFrom: 1, IsCsatLike: true),
    ];

    /// <summary>Every scale, in declaration order.</summary>
    public static IReadOnlyList<RatingScale> All { get; } =
        new ReadOnlyCollection<RatingScale>(Enum.GetValues<RatingScale>());

    /// <summary>The wire code of a scale: <c>csat5</c>, <c>nps11</c>, <c>ces7</c>, <c>smiley4</c>, <c>stars5</c>, <c>thumbs2</c>.</summary>
    public static string Code(RatingScale scale) => Definition(scale).Code;

    /// <summary>
    /// Reads a wire code, exactly as written: "CSAT5" or "csat5 " is not a code (a client that
    /// sends either has a bug worth hearing about). Enum names and numeric values are not codes.
    /// </summary>
    public static bool TryParse(string? code, out RatingScale scale)
    {
        for (var i = 0; i < _definitions.Length; i++)
        {
            if (string.Equals(_definitions[i].Code, code, StringComparison.Ordinal))
            {
                scale = (RatingScale)i;
                return true;
            }
        }

        scale = default;
        return false;
    }

    /// <summary>The lowest and highest score of a scale, both inclusive.</summary>
    public static (int Min, int Max) Range(RatingScale scale)
    {
        var definition = Definition(scale);
        return (definition.Min, definition.Max);
    }

    /// <summary>Whether ratings on the scale count towards CSAT: csat5, smiley4, stars5, thumbs2.</summary>
    public static bool IsCsatLike(RatingScale scale) => Definition(scale).IsCsatLike;

    /// <summary>Whether a score is a whole number within the scale's range. NaN and infinities are not.</summary>
    public static bool IsValidScore(RatingScale scale, double score)
    {
        var definition = Definition(scale);
        return double.IsInteger(score) && score >= definition.Min && score <= definition.Max;
    }

    /// <summary>Maps a score to its norm, satisfaction and (on nps11) promoter group.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The score is outside the scale's range.</exception>
    public static RatingClassification Classify(RatingScale scale, int score)
    {
        var d = Definition(scale);
        if (score < d.Min || score > d.Max)
        {
            throw new ArgumentOutOfRangeException(
                nameof(score),
                score,
                string.Create(CultureInfo.InvariantCulture, $"Scale {d.Code} takes whole scores from {d.Min} to {d.Max}."));
        }

        var satisfaction = score >= d.SatisfiedFrom ? Satisfaction.Satisfied
            : score >= d.NeutralFrom ? Satisfaction.Neutral
            : Satisfaction.Dissatisfied;

        // On nps11 the satisfaction bands are exactly the promoter groups.
        NpsCategory? nps = scale != RatingScale.Nps11 ? null : satisfaction switch
        {
            Satisfaction.Satisfied => NpsCategory.Promoter,
            Satisfaction.Neutral => NpsCategory.Passive,
            _ => NpsCategory.Detractor,
        };

        var norm = (score - d.Min) * 100.0 / (d.Max - d.Min);
        return new RatingClassification(norm, satisfaction, nps, d.IsCsatLike);
    }

    private static ScaleDefinition Definition(RatingScale scale) =>
        (uint)scale < (uint)_definitions.Length
            ? _definitions[(int)scale]
            : throw new ArgumentOutOfRangeException(nameof(scale), scale, "Unknown rating scale.");

    private sealed record ScaleDefinition(
        string Code, int Min, int Max, int SatisfiedFrom, int NeutralFrom, bool IsCsatLike);
}
