namespace CxMonitor.Simulator.Generation;

/// <summary>How a site is doing right now, beyond its usual self: crowds, or a scripted incident.</summary>
/// <param name="MoodShift">Added to every customer's latent satisfaction.</param>
/// <param name="Reasons">Replaces the usual reason mix when set: an incident has one cause.</param>
/// <param name="CommentBoost">Angry customers write more.</param>
public sealed record SiteCondition(double MoodShift, WeightedChoice<string>? Reasons = null, double CommentBoost = 1)
{
    public static SiteCondition Usual { get; } = new(0);
}
