using System.Security.Claims;
using CxMonitor.Web.Access;
using CxMonitor.Web.Ingest;
using CxMonitor.Web.Sites;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Capture;

public sealed record TerminalCreateRequest(string? Name, string? Site, string? Touchpoint, string? Channel, string? Scale,
    Dictionary<string, string>? Question, bool? FollowUp, double? RepeatSeconds);

/// <summary>The pairing code is in this answer only; <c>PairUrl</c> is opened once on the tablet.</summary>
public sealed record CreatedTerminal(Terminal Terminal, string PairUrl);

/// <summary>Admins create, list and revoke terminals (policy Admin). A tablet pairs once with the
/// link and from then on holds its device token in an HttpOnly cookie; with it, it may read its
/// own settings and send answers for its own site and touchpoint, nothing else.</summary>
public static class TerminalsApi
{
    public const string Cookie = "cx_terminal";
    public static readonly IReadOnlyList<string> Languages = ["en", "ru", "uk"];

    public static IEndpointRouteBuilder MapTerminalsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/terminals").RequireAuthorization(AccessPolicies.Admin).WithTags("Capture");
        admin.MapGet("", (TerminalStore store, CancellationToken ct) => store.ListAsync(ct));
        admin.MapPost("", CreateAsync);
        admin.MapDelete("/{id}", async Task<Results<NoContent, NotFound>> (string id, TerminalStore store, CancellationToken ct) =>
            await store.RevokeAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound());

        // Opened once on the tablet: the one-time code becomes the tablet's own device token.
        app.MapGet("/rate/pair", async (string? code, HttpContext context, TerminalStore store, CancellationToken ct) =>
        {
            if (code is null || await store.PairAsync(code, ct) is not { } paired)
                return Results.Problem(detail: "This pairing link is unknown, used already or revoked: ask an admin for a new terminal link.", statusCode: 400);
            context.Response.Cookies.Append(Cookie, paired.Token, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Expires = DateTimeOffset.UtcNow.AddYears(10), IsEssential = true,
            });
            return Results.Redirect("/rate");
        }).AllowAnonymous().ExcludeFromDescription();

        // Who may call: a paired terminal (its cookie), for itself only.
        var terminal = app.MapGroup("/api/v1/terminal").AllowAnonymous().AddEndpointFilter(TerminalOnly).WithTags("Capture");
        terminal.MapGet("", (HttpContext context, IOptions<CaptureOptions> options, SiteCatalog sites) =>
        {
            var t = Current(context);
            var o = options.Value;
            return TypedResults.Ok(new
            {
                t.Id, t.Name, t.Site, siteName = sites.TryGet(t.Site, out var site) ? site.Name : t.Site, t.Touchpoint, t.Scale,
                scores = TerminalScales.Scores(t.Scale), unhappy = TerminalScales.Scores(t.Scale).Where(s => TerminalScales.IsUnhappy(t.Scale, s)),
                question = t.Question, t.FollowUp, reasons = o.ReasonCodes, thankYouMs = (long)o.ThankYou.TotalMilliseconds,
                followUpMs = (long)o.FollowUpTimeout.TotalMilliseconds, maxBatch = o.MaxAnswersPerRequest, maxComment = o.MaxCommentLength, languages = Languages,
            });
        });
        terminal.MapPost("/answers", AnswersAsync).WithBodyLimit(256 * 1024);
        return app;
    }

    private static async Task<Results<Created<CreatedTerminal>, ProblemHttpResult>> CreateAsync(
        TerminalCreateRequest body, ClaimsPrincipal user, TerminalStore store, SiteCatalog sites, IOptions<CaptureOptions> options, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Trim().Length > TextLimits.Name)
            return Bad("name", $"'name' is required (at most {TextLimits.Name} characters), e.g. 'Berlin checkout tablet'.");
        if (body.Site is null || !sites.TryGet(body.Site, out _))
            return Bad("site", "'site' must be the id of a site in the catalog.");
        if (body.Touchpoint is null || !FieldRules.IsSlug(body.Touchpoint))
            return Bad("touchpoint", "'touchpoint' is required: lower-case letters, digits, '.', '_' or '-', e.g. 'checkout'.");
        var channel = body.Channel ?? "in-store";
        if (!FieldRules.Channels.Contains(channel))
            return Bad("channel", $"'channel' must be one of {string.Join(", ", FieldRules.Channels)}.");
        var scale = body.Scale ?? "smiley4";
        if (!TerminalScales.All.Contains(scale))
            return Bad("scale", $"'scale' must be one of {string.Join(", ", TerminalScales.All)}.");
        var question = body.Question ?? [];
        if (question.Keys.FirstOrDefault(k => !Languages.Contains(k)) is { } language)
            return Bad("question", $"'question' holds texts by language ({string.Join(", ", Languages)}); '{language}' is not one of them.");
        if (question.Values.Any(q => string.IsNullOrWhiteSpace(q) || q.Length > 200))
            return Bad("question", "each question text is 1 to 200 characters long.");
        var repeat = body.RepeatSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.Value.RepeatWindow;
        if (repeat < TimeSpan.Zero || repeat > TimeSpan.FromMinutes(1))
            return Bad("repeatSeconds", "'repeatSeconds' is between 0 (no misuse filter) and 60.");
        var settings = new TerminalSettings(body.Name.Trim(), body.Site, body.Touchpoint, channel, scale, question, body.FollowUp ?? true, repeat);
        var (terminal, code) = await store.CreateAsync(settings, user.Identity?.Name ?? "admin", ct);
        return TypedResults.Created($"/api/v1/terminals/{terminal.Id}", new CreatedTerminal(terminal, "/rate/pair?code=" + Uri.EscapeDataString(code)));
    }

    private static async Task<Results<Accepted<TerminalAnswersSummary>, ProblemHttpResult>> AnswersAsync(
        List<CaptureAnswer>? answers, HttpContext context, TerminalStore store, RepeatFilter repeats, CaptureIngest ingest,
        IOptions<CaptureOptions> options, ILogger<RepeatFilter> logger)
    {
        var t = Current(context);
        var o = options.Value;
        if (answers is null || answers.Count == 0 || answers.Count > o.MaxAnswersPerRequest)
            return Bad("answers", $"The body is a JSON array of 1 to {o.MaxAnswersPerRequest} answers.");
        answers = ClockSkew.Correct(answers, context.Request.Headers[ClockSkew.Header], DateTimeOffset.UtcNow);
        var errors = new List<ItemError>();
        var kept = new List<CaptureAnswer>();
        var keptIndex = new List<int>();
        var setAside = 0;
        var newRepeats = 0;
        for (var i = 0; i < answers.Count; i++)
        {
            if (AnswerRules.Check(answers[i], o, checkReasons: true) is { } error)
            {
                errors.Add(new ItemError(i, error.Field, error.Rule));
                continue;
            }
            var a = answers[i];
            if (repeats.IsRepeat(t.Id, t.RepeatWindow, a.Id!, a.Score!.Value, a.Time!.Value, out var isNew))
            {
                setAside++;
                newRepeats += isNew ? 1 : 0;
                continue;
            }
            kept.Add(a);
            keptIndex.Add(i);
        }
        if (newRepeats > 0)
        {
            logger.LogInformation("Terminal {Terminal} at {Site}: {Count} repeated presses set aside", t.Id, t.Site, newRepeats);
            await store.AddRepeatsAsync(t.Id, newRepeats, context.RequestAborted);
        }
        if (kept.Count == 0)
        {
            return errors.Count == 0
                ? TypedResults.Accepted((string?)null, new TerminalAnswersSummary(0, 0, setAside, []))
                : TypedResults.Problem("None of the answers is valid; see 'rejected'.", statusCode: 400, title: "No valid answers",
                    extensions: new Dictionary<string, object?> { ["rejected"] = errors });
        }
        var place = new CapturePlace(t.Site, t.Touchpoint, t.Channel, t.Scale, "terminal");
        var outcome = await ingest.SubmitAsync(place, t.Id + ":", kept);
        if (outcome.Status != IngestStatus.Accepted)
        {
            context.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(outcome.Detail ?? "The answers could not be stored; send them again.",
                statusCode: outcome.Status is IngestStatus.Full or IngestStatus.CannotCheck ? 503 : 400, title: "Not stored",
                extensions: new Dictionary<string, object?> { ["rejected"] = errors.Concat(outcome.Summary.Rejected.Select(e => e with { Index = keptIndex[e.Index] })).ToList() });
        }
        errors.AddRange(outcome.Summary.Rejected.Select(e => e with { Index = keptIndex[e.Index] }));
        return TypedResults.Accepted((string?)null, new TerminalAnswersSummary(outcome.Summary.Accepted, outcome.Summary.Duplicates, setAside, errors));
    }

    private static Terminal Current(HttpContext context) => (Terminal)context.Items[typeof(Terminal)]!;

    private static async ValueTask<object?> TerminalOnly(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var store = context.RequestServices.GetRequiredService<TerminalStore>();
        if (!context.Request.Cookies.TryGetValue(Cookie, out var token) || await store.ValidateAsync(token, context.RequestAborted) is not { } terminal)
            return TypedResults.Problem("This tablet is not a paired terminal, or its terminal was revoked: open a new pairing link from the admin page.", statusCode: 401, title: "Not a terminal");
        context.Items[typeof(Terminal)] = terminal;
        return await next(invocation);
    }

    private static ProblemHttpResult Bad(string field, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: 400, title: "Invalid request", extensions: new Dictionary<string, object?> { ["field"] = field });
}

/// <summary>Like the collector's answer, plus <c>Repeats</c>: presses the misuse filter set aside.</summary>
public sealed record TerminalAnswersSummary(int Accepted, int Duplicates, int Repeats, IReadOnlyList<ItemError> Rejected);
