using System.Globalization;

namespace CxMonitor.Web.Capture;

/// <summary>A tablet's clock may be minutes off, and the collector refuses times more than 5
/// minutes ahead (an answer the terminal would then drop). The terminal says when it sent the
/// request (<c>X-Cx-Sent-At</c>, its own clock); every answer's time moves by the difference to
/// ours, so a queued answer keeps its true distance from the moment it was sent.</summary>
public static class ClockSkew
{
    public const string Header = "X-Cx-Sent-At";
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(2);

    public static List<CaptureAnswer> Correct(List<CaptureAnswer> answers, string? sentAt, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(sentAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var sent))
            return answers;
        var skew = now - sent;
        // Network time and a few seconds of drift are not skew worth moving answers for.
        if (skew.Duration() <= Tolerance)
            return answers;
        return answers.Select(a => a.Time is { } time ? a with { Time = time + skew } : a).ToList();
    }
}
