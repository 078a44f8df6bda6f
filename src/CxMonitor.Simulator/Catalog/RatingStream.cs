using CxMonitor.Simulator.Generation;

namespace CxMonitor.Simulator.Catalog;

/// <summary>
/// One way ratings reach CxMonitor: a source on a channel, with its own mix of touchpoints and scales.
/// </summary>
/// <param name="OpeningHoursOnly">True when the stream only runs while the site is open (terminals, staffed support).</param>
/// <param name="Weight">Share of a site's volume at a typical moment.</param>
/// <param name="CustomerShare">Share of ratings that carry a pseudonymous customer id.</param>
/// <param name="CommentShare">Scales the chance of a comment; terminals offer a comment box far less often.</param>
/// <param name="MoodShift">Added to the latent satisfaction; support contacts start from a problem.</param>
public sealed record RatingStream(
    string Name,
    string Source,
    string Channel,
    bool OpeningHoursOnly,
    double Weight,
    WeightedChoice<string> Touchpoints,
    WeightedChoice<string> Scales,
    double CustomerShare,
    double CommentShare,
    double MoodShift)
{
    public bool IsTerminal => Source == "terminal";
}
