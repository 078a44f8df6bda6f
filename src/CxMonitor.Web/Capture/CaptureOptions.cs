using System.ComponentModel.DataAnnotations;

namespace CxMonitor.Web.Capture;

/// <summary>Settings of the floor capture: terminals, the public survey and the widget (<c>Capture:*</c>).</summary>
public sealed class CaptureOptions : IValidatableObject
{
    public const string Section = "Capture";

    /// <summary>How long a terminal shows its thank-you before the question returns.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:01:00")]
    public TimeSpan ThankYou { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the follow-up after an unhappy answer waits for a touch before it goes back.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:05:00")]
    public TimeSpan FollowUpTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A new terminal's misuse window: presses of the same button within it count once.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RepeatWindow { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>The reason chips offered after an unhappy answer (codes; labels live in the
    /// catalogues as <c>reason.CODE</c>, an unknown code is shown as written).</summary>
    [MinLength(1)]
    public List<string> ReasonCodes { get; set; } = ["wait-time", "staff", "cleanliness", "price", "product", "other"];

    /// <summary>Answers one terminal request may carry (a queue that was offline sends in batches of this size).</summary>
    [Range(1, 1000)]
    public int MaxAnswersPerRequest { get; set; } = 50;

    /// <summary>Characters of a comment typed on a terminal or a survey.</summary>
    [Range(1, 2000)]
    public int MaxCommentLength { get; set; } = 500;

    /// <summary>How long a survey page's token holds: a customer may take their time, a harvested token soon dies.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SurveyTokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Survey requests (questions and answers) one address may make at once…</summary>
    [Range(1, 10_000)]
    public int SurveyBurst { get; set; } = 20;

    /// <summary>…and per minute after that.</summary>
    [Range(1, 100_000)]
    public int SurveyPerMinute { get; set; } = 30;

    /// <summary>The address customers open survey links at (printed in QR codes and posters), e.g.
    /// https://feedback.example.com; empty: the address the admin page was opened at.</summary>
    [Url]
    public string? PublicUrl { get; set; }

    /// <summary>Sites that may show the survey widget (CSP frame-ancestors of the survey page),
    /// each an origin such as https://shop.example.com. Empty: the widget works nowhere.</summary>
    public List<string> WidgetOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Each goes verbatim into a Content-Security-Policy header: an origin and nothing else.
        foreach (var origin in WidgetOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
                || uri.GetLeftPart(UriPartial.Authority) != origin.TrimEnd('/') || origin.Any(c => char.IsWhiteSpace(c) || c is ';' or ',' or '*' or '\''))
                yield return new ValidationResult($"Capture:WidgetOrigins: '{origin}' is not an origin such as https://shop.example.com.", [nameof(WidgetOrigins)]);
        }
    }
}
