namespace CxMonitor.Core.Ratings;

/// <summary>What one score on one scale means.</summary>
/// <param name="Norm">The score mapped onto 0–100, so that scales can be averaged together.</param>
/// <param name="Satisfaction">Satisfied, neutral or dissatisfied.</param>
/// <param name="Nps">The promoter group; non-null only on <see cref="RatingScale.Nps11"/>.</param>
/// <param name="IsCsatLike">Whether the rating counts towards CSAT.</param>
public readonly record struct RatingClassification(
    double Norm,
    Satisfaction Satisfaction,
    NpsCategory? Nps,
    bool IsCsatLike);
