namespace CxMonitor.Web.Access;

/// <summary>How long the text people and scripts put into the app state may be: the one place
/// for these numbers, so that a megabyte-long assignee or board name is refused at the door
/// instead of stored (and breaking the pages that show it).</summary>
public static class TextLimits
{
    /// <summary>Names: a person's display name, an assignee, a screen and its board, a rule, a site, a label.</summary>
    public const int Name = 100;

    /// <summary>Free text: comments, notes, the reason for a silence.</summary>
    public const int Text = 2000;

    /// <summary>Labels on one silence.</summary>
    public const int Labels = 20;

    /// <summary>The rule broken, as the problem details say it, or null when the text fits.</summary>
    public static string? TooLong(string? value, int max) =>
        value is not null && value.Length > max ? $"is at most {max:N0} characters long (this one has {value.Length:N0})" : null;
}
