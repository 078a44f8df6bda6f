using System.Security.Claims;
using CxMonitor.Web.Access;
using CxMonitor.Web.Access.Reach;
using CxMonitor.Web.Alerts.Store;
using CxMonitor.Web.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CxMonitor.Web.Alerts;

public sealed record AlertAction(string? Note, string? Assignee, string? Text, string? Verdict);

public sealed record SilenceRequest(string? Rule, string? Site, Dictionary<string, string>? Labels, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Comment);

public sealed record AlertDetail(AlertRecord Alert, IReadOnlyList<AlertHistoryEntry> History, IReadOnlyList<AlertTrigger> Triggers, IReadOnlyList<SeriesPoint> Context);

/// <summary>Who may call: reading alerts, any signed-in person or key (Read); working them and
/// silences, Admin, Manager and Duty (Duty).</summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/v1/alerts").RequireAuthorization(AccessPolicies.Read).WithTags("Alerts");
        read.MapGet("", ListAsync).WithSummary("Alerts, newest first; filter by state (open, firing, acknowledged, resolved), severity, site, rule.");
        read.MapGet("/{id:long}", DetailAsync).WithSummary("An alert with its history, the ratings and reviews behind it and its metric around it.");
        read.MapGet("/rules", (AlertRules rules, ClaimsPrincipal user) => TypedResults.Ok(AlertRulesView.For(rules, user)))
            .WithSummary("The active rules, and the errors of the last reload if it failed (server paths for admins only).")
            .ReadsEverySite("rule settings (which may name sites), no alerts");
        read.MapGet("/stats", async Task<Results<Ok<IReadOnlyList<RuleStats>>, ProblemHttpResult>> (
            AlertStore store, TimeProvider clock, ClaimsPrincipal user, ReadReachResolver reaches, int? days, CancellationToken ct) =>
            reaches.For(user).All
                ? TypedResults.Ok(await store.StatsAsync(clock.GetUtcNow().AddDays(-Math.Clamp(days ?? 30, 1, 365)), ct))
                : TypedResults.Problem("Alert statistics count every site's alerts: people and all-sites keys may read them.", statusCode: 403, title: "Not allowed"))
            .WithSummary("Per rule: fired, acknowledged, mean minutes to acknowledge, noise share.");
        read.MapGet("/silences", async (AlertStore store, TimeProvider clock, ClaimsPrincipal user, ReadReachResolver reaches, bool? all, CancellationToken ct) =>
        {
            var reach = reaches.For(user);
            var silences = await store.SilencesAsync(clock.GetUtcNow(), all ?? false, ct);
            // A silence without a site spans every site: only for whom reads every alert.
            return reach.All ? silences : [.. silences.Where(x => x.Site is not null && reach.CanReadAlert(x.Site))];
        });

        var work = app.MapGroup("/api/v1/alerts").RequireAuthorization(AccessPolicies.Duty).WithTags("Alerts");
        work.MapPost("/{id:long}/acknowledge", (long id, ClaimsPrincipal user, AlertService alerts, CancellationToken ct) =>
            Answer(alerts.AcknowledgeAsync(id, Who(user), ct), "Only a firing alert can be acknowledged."));
        work.MapPost("/{id:long}/resolve", async Task<IResult> (long id, AlertAction? body, ClaimsPrincipal user, AlertService alerts, CancellationToken ct) =>
            TextLimits.TooLong(body?.Note, TextLimits.Text) is { } tooLong ? Bad("note", tooLong)
                : await Answer(alerts.ResolveAsync(id, Who(user), body?.Note, ct), "The alert is not open."));
        work.MapPost("/{id:long}/assign", async Task<IResult> (long id, AlertAction body, ClaimsPrincipal user, AlertService alerts, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(body.Assignee) || body.Assignee.Trim().Length > TextLimits.Name ? Bad("assignee", $"is required, at most {TextLimits.Name} characters")
                : await Answer(alerts.AssignAsync(id, Who(user), body.Assignee.Trim(), ct), "The alert is not open."));
        work.MapPost("/{id:long}/comments", async Task<IResult> (long id, AlertAction body, ClaimsPrincipal user, AlertService alerts, CancellationToken ct) =>
            string.IsNullOrWhiteSpace(body.Text) || body.Text.Length > TextLimits.Text ? Bad("text", $"is required, at most {TextLimits.Text:N0} characters")
                : await Answer(alerts.CommentAsync(id, Who(user), body.Text.Trim(), ct), ""));
        work.MapPost("/{id:long}/feedback", async Task<IResult> (long id, AlertAction body, ClaimsPrincipal user, AlertService alerts, CancellationToken ct) =>
            body.Verdict is not ("useful" or "noise") ? Bad("verdict", "must be useful or noise")
                : await Answer(alerts.FeedbackAsync(id, Who(user), body.Verdict, ct), ""));
        work.MapPost("/silences", AddSilenceAsync);
        work.MapDelete("/silences/{id:long}", async Task<Results<NoContent, NotFound>> (long id, AlertStore store, TimeProvider clock, CancellationToken ct) =>
            await store.EndSilenceAsync(id, clock.GetUtcNow(), ct) ? TypedResults.NoContent() : TypedResults.NotFound());
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<AlertRecord>>, ProblemHttpResult>> ListAsync(AlertStore store, ClaimsPrincipal user, ReadReachResolver reaches,
        string? state, string? severity, string? site, string? rule, int? limit, CancellationToken ct)
    {
        if (state is not (null or "open" or "firing" or "acknowledged" or "resolved"))
            return Bad("state", "must be open, firing, acknowledged or resolved");
        return TypedResults.Ok(await ReadableAsync(store, reaches.For(user), user, state, severity, site, rule, limit, ct));
    }

    private static async Task<IReadOnlyList<AlertRecord>> ReadableAsync(AlertStore store, ReadReach reach, ClaimsPrincipal user,
        string? state, string? severity, string? site, string? rule, int? limit, CancellationToken ct)
    {
        var max = Math.Clamp(limit ?? 200, 1, 1000);
        if (reach.All)
            return PersonalData.For(user, await store.ListAsync(state, severity, site, rule, max, ct));
        if (site is not null && !reach.CanReadAlert(site))
            return [];
        // Filtered here, so read more than asked: another site's alerts may fill the first rows.
        var found = await store.ListAsync(state, severity, site, rule, reach.AllAlerts ? max : 1000, ct);
        return PersonalData.For(user, [.. found.Where(a => reach.CanReadAlert(a.Site)).Take(max)]);
    }

    private static async Task<Results<Ok<AlertDetail>, NotFound>> DetailAsync(long id, AlertStore store, SeriesQuery series, ClaimsPrincipal user, ReadReachResolver reaches, CancellationToken ct)
    {
        // Another site's alert is answered as if it did not exist.
        if (await store.DetailAsync(id, ct) is not { Alert: var alert } stored || !reaches.For(user).CanReadAlert(alert.Site))
            return TypedResults.NotFound();
        IReadOnlyList<SeriesPoint> context = [];
        if (SatisfactionScope.TryParse(alert.Scope, out var scope))
        {
            var at = alert.FiredAt ?? alert.Since;
            var metric = alert.Values.GetValueOrDefault("metric") ?? "csat";
            context = await series.GetAsync(SeriesQuery.Metrics.Contains(metric) ? metric : "csat", scope, at.AddHours(-6), at.AddHours(2), TimeSpan.FromMinutes(15), ct);
        }
        return TypedResults.Ok(PersonalData.MaySee(user)
            ? new AlertDetail(alert, stored.History, stored.Triggers, context)
            : new AlertDetail(PersonalData.Mask(alert), [.. stored.History.Select(PersonalData.Mask)], [.. stored.Triggers.Select(PersonalData.Mask)], context));
    }

    private static async Task<Results<Created<AlertSilence>, ProblemHttpResult>> AddSilenceAsync(
        SilenceRequest body, ClaimsPrincipal user, AlertStore store, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var starts = body.StartsAt ?? now;
        if (body.EndsAt is not { } ends || ends <= starts)
            return Bad("endsAt", "is required and must be after startsAt");
        if (body.Rule is null && body.Site is null && (body.Labels is null || body.Labels.Count == 0))
            return Bad("rule", "a silence needs at least one matcher: rule, site or labels");
        if (string.IsNullOrWhiteSpace(body.Comment))
            return Bad("comment", "is required: say why the alerts are silenced");
        if (TextLimits.TooLong(body.Comment, TextLimits.Text) is { } longComment)
            return Bad("comment", longComment);
        if (TextLimits.TooLong(body.Rule, TextLimits.Name) is { } longRule)
            return Bad("rule", longRule);
        if (TextLimits.TooLong(body.Site, TextLimits.Name) is { } longSite)
            return Bad("site", longSite);
        if (body.Labels is { } labels && (labels.Count > TextLimits.Labels || labels.Any(l => l.Key.Length > TextLimits.Name || l.Value.Length > TextLimits.Name)))
            return Bad("labels", $"are at most {TextLimits.Labels}, each name and value at most {TextLimits.Name} characters");
        var silence = await store.AddSilenceAsync(new AlertSilence(0, body.Rule, body.Site, body.Labels ?? [], starts, ends, Who(user), body.Comment.Trim(), now), ct);
        return TypedResults.Created($"/api/v1/alerts/silences/{silence.Id}", silence);
    }

    private static async Task<IResult> Answer(Task<AlertService.Outcome> action, string notOpen) => await action switch
    {
        AlertService.Outcome.Done => TypedResults.NoContent(),
        AlertService.Outcome.NotFound => TypedResults.NotFound(),
        AlertService.Outcome.Busy => TypedResults.Problem(detail: "Other nodes kept changing this alert at the same moment: try again.", statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.Problem(detail: notOpen, statusCode: StatusCodes.Status409Conflict),
    };

    private static ProblemHttpResult Bad(string field, string rule) =>
        TypedResults.Problem($"'{field}' {rule}.", statusCode: 400, title: "Invalid request", extensions: new Dictionary<string, object?> { ["field"] = field });

    private static string Who(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
