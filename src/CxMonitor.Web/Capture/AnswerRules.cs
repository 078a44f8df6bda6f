namespace CxMonitor.Web.Capture;

public sealed record AnswerError(string Field, string Rule);

/// <summary>What a terminal or survey answer must hold before the collector sees it. The
/// collector checks the rest (the score against the scale, the time against now and retention).</summary>
public static class AnswerRules
{
    public static AnswerError? Check(CaptureAnswer a, CaptureOptions options, bool checkReasons)
    {
        if (string.IsNullOrEmpty(a.Id) || a.Id.Length > 64 || !a.Id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            return new("id", "is required: 1 to 64 letters, digits or '-' (the page makes a UUID per answer)");
        if (a.Time is null)
            return new("time", "is required: the moment of the answer (RFC 3339), so a queued answer keeps its time");
        if (a.Score is null)
            return new("score", "is required");
        if (a.Reasons is { } reasons)
        {
            if (reasons.Count > options.ReasonCodes.Count)
                return new("reasons", $"holds at most {options.ReasonCodes.Count} codes");
            if (checkReasons && reasons.FirstOrDefault(r => !options.ReasonCodes.Contains(r)) is { } unknown)
                return new("reasons", $"'{Cut(unknown)}' is not one of {string.Join(", ", options.ReasonCodes)}");
        }
        if (a.Comment is { } comment)
        {
            if (comment.Length > options.MaxCommentLength)
                return new("comment", $"is at most {options.MaxCommentLength} characters long (this one has {comment.Length})");
            if (CommentFilter.Refuses(comment) is { } why)
                return new("comment", why);
        }
        if (a.Language is not null && !TerminalsApi.Languages.Contains(a.Language))
            return new("language", $"is one of {string.Join(", ", TerminalsApi.Languages)}");
        return null;
    }

    private static string Cut(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
