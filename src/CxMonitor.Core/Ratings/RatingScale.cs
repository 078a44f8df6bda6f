namespace CxMonitor.Core.Ratings;

/// <summary>
/// The answer scales a rating can be given on. <see cref="RatingScales"/> holds each
/// scale's code, range and classification; the table is in <c>Ratings/README.md</c>.
/// </summary>
public enum RatingScale
{
    /// <summary><c>csat5</c>: 1–5, top-two-box (4–5) is satisfied.</summary>
    Csat5,

    /// <summary><c>nps11</c>: 0–10 likelihood to recommend.</summary>
    Nps11,

    /// <summary><c>ces7</c>: 1–7 customer effort, higher means easier.</summary>
    Ces7,

    /// <summary><c>smiley4</c>: terminal buttons, 1 = very unhappy … 4 = very happy.</summary>
    Smiley4,

    /// <summary><c>stars5</c>: 1–5 stars, classified like <see cref="Csat5"/>.</summary>
    Stars5,

    /// <summary><c>thumbs2</c>: 0 = thumbs down, 1 = thumbs up.</summary>
    Thumbs2,
}
