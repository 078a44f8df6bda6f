namespace CxMonitor.Web.Capture;

/// <summary>A kiosk tablet at one site and touchpoint. <see cref="Question"/> holds the question
/// per language code (en, ru, uk); a language left out falls back to the catalogue's default.</summary>
public sealed record Terminal(
    string Id, string Name, string Site, string Touchpoint, string Channel, string Scale,
    IReadOnlyDictionary<string, string> Question, bool FollowUp, TimeSpan RepeatWindow, long Repeats,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? PairedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastSeenAt);

/// <summary>The scales a terminal may show and which answers count as unhappy (they open the follow-up).</summary>
public static class TerminalScales
{
    public static readonly IReadOnlyList<string> All = ["smiley4", "csat5", "nps11", "thumbs2"];

    public static IReadOnlyList<int> Scores(string scale) => scale switch
    {
        "smiley4" => [1, 2, 3, 4],
        "csat5" => [1, 2, 3, 4, 5],
        "nps11" => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        "thumbs2" => [0, 1],
        _ => [],
    };

    public static bool IsUnhappy(string scale, int score) => scale switch
    {
        "nps11" => score <= 6,
        "thumbs2" => score == 0,
        _ => score <= 2,
    };
}
