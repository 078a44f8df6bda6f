using System.Security.Claims;
using CxMonitor.Web.Access;
using CxMonitor.Web.Ingest;
using CxMonitor.Web.Sites;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Capture;

public sealed record SurveyCreateRequest(string? Site, string? Touchpoint, string? Channel, string? Scale);

/// <summary>What the public page sends: its token, the answer, and contact details only with consent.</summary>
public sealed record SurveyAnswer(string? Token, int? Score, List<string>? Reasons, string? Comment, string? Language, bool? Consent, string? Contact);

public sealed record SurveyAnswerSummary(int Accepted, int Duplicates);

/// <summary>Admins create, list and revoke survey links (policy Admin). Anyone may read a
/// survey's question and answer it (no sign-in: customers), limited per address, with a
/// short-lived signed token, a small body and the comment filter.</summary>
public static class SurveysApi
{
    public const int MaxBodyBytes = 8 * 1024;

    public static IEndpointRouteBuilder MapSurveysApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/surveys").RequireAuthorization(AccessPolicies.Admin).WithTags("Capture");
        admin.MapGet("", (SurveyStore store, CancellationToken ct) => store.ListAsync(ct));
        admin.MapPost("", CreateAsync);
        admin.MapDelete("/{code}", async Task<Results<NoContent, NotFound>> (string code, SurveyStore store, CancellationToken ct) =>
            await store.RevokeAsync(code, ct) ? TypedResults.NoContent() : TypedResults.NotFound());

        // Who may call: anyone (customers). Limited per address; answers need the page's token.
        var open = app.MapGroup("/api/v1/survey/{code}").AllowAnonymous().RequireRateLimiting(SurveyRateLimitPolicy.Name).WithTags("Capture");
        open.MapGet("", QuestionAsync);
        open.MapPost("", AnswerAsync).WithBodyLimit(MaxBodyBytes);
        return app;
    }

    private static async Task<Results<Created<Survey>, ProblemHttpResult>> CreateAsync(
        SurveyCreateRequest body, ClaimsPrincipal user, SurveyStore store, SiteCatalog sites, CancellationToken ct)
    {
        if (body.Site is null || !sites.TryGet(body.Site, out _))
            return Bad("site", "'site' must be the id of a site in the catalog.");
        if (body.Touchpoint is null || !FieldRules.IsSlug(body.Touchpoint))
            return Bad("touchpoint", "'touchpoint' is required: lower-case letters, digits, '.', '_' or '-', e.g. 'visit'.");
        var channel = body.Channel ?? "in-store";
        if (!FieldRules.Channels.Contains(channel))
            return Bad("channel", $"'channel' must be one of {string.Join(", ", FieldRules.Channels)}.");
        var scale = body.Scale ?? "nps11";
        if (!Survey.Scales.Contains(scale))
            return Bad("scale", $"'scale' must be one of {string.Join(", ", Survey.Scales)}.");
        var survey = await store.CreateAsync(body.Site, body.Touchpoint, channel, scale, user.Identity?.Name ?? "admin", ct);
        return TypedResults.Created($"/s/{survey.Code}", survey);
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> QuestionAsync(
        string code, SurveyStore store, SurveyTokens tokens, SiteCatalog sites, IOptions<CaptureOptions> options, CancellationToken ct)
    {
        if (await store.FindActiveAsync(code, ct) is not { } survey)
            return Gone();
        var (token, expires) = tokens.Issue(code);
        return TypedResults.Ok<object>(new
        {
            survey.Code, siteName = sites.TryGet(survey.Site, out var site) ? site.Name : survey.Site, survey.Touchpoint, survey.Scale,
            scores = TerminalScales.Scores(survey.Scale), reasons = options.Value.ReasonCodes, maxComment = options.Value.MaxCommentLength,
            languages = TerminalsApi.Languages, token, expires,
        });
    }

    private static async Task<Results<Accepted<SurveyAnswerSummary>, ProblemHttpResult>> AnswerAsync(
        string code, SurveyAnswer? body, HttpContext context, SurveyStore store, SurveyTokens tokens, ContactStore contacts,
        CaptureIngest ingest, IOptions<CaptureOptions> options)
    {
        if (await store.FindActiveAsync(code, context.RequestAborted) is not { } survey)
            return Gone();
        if (body is null)
            return Bad("body", "The body is a JSON object with token, score and optionally reasons, comment, language, consent and contact.");
        var (nonce, tokenProblem) = tokens.Read(body.Token, code);
        if (nonce is null)
            return Bad("token", "'token' " + tokenProblem);
        var answer = new CaptureAnswer(nonce, DateTimeOffset.UtcNow, body.Score, body.Reasons, body.Comment, body.Language);
        if (AnswerRules.Check(answer, options.Value, checkReasons: true) is { } error)
            return Bad(error.Field, $"'{error.Field}' {error.Rule}.");
        if (!TerminalScales.Scores(survey.Scale).Contains(body.Score!.Value))
            return Bad("score", $"'score' is one of {string.Join(", ", TerminalScales.Scores(survey.Scale))} on this survey's scale ({survey.Scale}).");
        var consent = body.Consent == true;
        if (consent && ContactStore.Invalid(body.Contact) is { } contactProblem)
            return Bad("contact", "'contact' " + contactProblem + ".");
        var prefix = survey.Code + ":";
        // The contact is written before the rating, so an alert the rating raises finds it.
        if (consent)
            await contacts.SaveAsync(prefix + nonce, survey.Site, survey.Touchpoint, body.Contact!, context.RequestAborted);
        var outcome = await ingest.SubmitAsync(new CapturePlace(survey.Site, survey.Touchpoint, survey.Channel, survey.Scale, "survey"), prefix, [answer]);
        if (outcome.Status != IngestStatus.Accepted || outcome.Summary.Rejected.Count > 0)
        {
            if (consent && outcome.Summary.Accepted == 0 && outcome.Summary.Duplicates == 0)
                await contacts.ForgetAsync(prefix + nonce, CancellationToken.None);
            if (outcome.Status is IngestStatus.Full or IngestStatus.CannotCheck)
            {
                context.Response.Headers.RetryAfter = "5";
                return TypedResults.Problem(outcome.Detail, statusCode: 503, title: "Not stored");
            }
            var first = outcome.Summary.Rejected.FirstOrDefault();
            return Bad(first?.Field ?? "answer", first is null ? outcome.Detail ?? "The answer was not accepted." : $"'{first.Field}' {first.Error}.");
        }
        return TypedResults.Accepted((string?)null, new SurveyAnswerSummary(outcome.Summary.Accepted, outcome.Summary.Duplicates));
    }

    private static ProblemHttpResult Gone() =>
        TypedResults.Problem("This survey link is unknown or was withdrawn.", statusCode: 404, title: "No such survey");

    private static ProblemHttpResult Bad(string field, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: 400, title: "Answer not accepted", extensions: new Dictionary<string, object?> { ["field"] = field });
}
