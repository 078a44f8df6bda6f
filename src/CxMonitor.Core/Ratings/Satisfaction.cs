namespace CxMonitor.Core.Ratings;

/// <summary>The three-way reading of a rating that every scale maps to.</summary>
public enum Satisfaction
{
    Dissatisfied,
    Neutral,
    Satisfied,
}
