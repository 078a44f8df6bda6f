using CxMonitor.Web.Access;
using CxMonitor.Web.Feeds.Sources.Webhook;
using CxMonitor.Web.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Feeds;

/// <summary>A feed as the admin page shows it: its settings (never its headers or secret) and state.</summary>
public sealed record FeedStatus(string Name, string Source, string Site, string Platform, TimeSpan Every, bool Enabled, string? Address, FeedState State);

public static class FeedsApi
{
    public const string TimestampHeader = "X-Cx-Timestamp";
    public const string SignatureHeader = "X-Cx-Signature";

    /// <summary>Who may call: admins list and poll feeds; a pushing platform is anonymous but
    /// must sign each message with its feed's secret; imports take an admin or an API key.</summary>
    public static IEndpointRouteBuilder MapFeedsApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/feeds").RequireAuthorization(AccessPolicies.Admin).WithTags("Feeds");
        admin.MapGet("", ListAsync).WithName("ListFeeds").WithSummary("Every feed with its last success, last error and counters.");
        admin.MapPost("/{name}/poll", PollAsync).WithName("PollFeed").WithSummary("Polls a feed now (waits for a running poll of it first).");
        app.MapPost("/api/v1/feeds/{name}/push", PushAsync).AllowAnonymous().WithBodyLimit(10L << 20).WithTags("Feeds")
            .WithName("PushReviews").WithSummary($"Reviews pushed by a platform, signed: {SignatureHeader} = sha256=hex(HMAC-SHA256(secret, timestamp + '.' + body)).");
        var maxImport = app.ServiceProvider.GetRequiredService<IOptions<FeedsOptions>>().Value.MaxImportBytes;
        app.MapPost("/api/v1/reviews/import", ReviewImportApi.ImportAsync).RequireAuthorization(AccessPolicies.ReviewImport)
            .WithBodyLimit(maxImport).WithTags("Feeds").WithName("ImportReviews").WithSummary("Imports a CSV/TSV review export with a named mapping.");
        return app;
    }

    private static async Task<IReadOnlyList<FeedStatus>> ListAsync(IOptionsMonitor<FeedsOptions> options, FeedStateStore states, CancellationToken ct)
    {
        var list = new List<FeedStatus>();
        foreach (var (name, d) in options.CurrentValue.Sources.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var format = FeedFormat.Of(name, d);
            // The address without its query: some platforms take their key there.
            var address = Uri.TryCreate(d.Url, UriKind.Absolute, out var u) ? u.GetLeftPart(UriPartial.Path) : null;
            list.Add(new FeedStatus(name, d.Preset ?? d.Kind ?? "", d.Site, format.Platform, d.Every, d.Enabled, address, await states.GetAsync(name, ct)));
        }
        return list;
    }

    private static async Task<Results<Ok<JobRunResult>, NotFound<string>>> PollAsync(string name, IJobTrigger jobs, IOptionsMonitor<FeedsOptions> options, CancellationToken ct)
    {
        if (!options.CurrentValue.Sources.ContainsKey(name))
            return TypedResults.NotFound($"No feed is named '{name}'.");
        try
        {
            return TypedResults.Ok(await jobs.RunNowAsync(FeedPollJob.Prefix + name, ct));
        }
        catch (KeyNotFoundException)
        {
            return TypedResults.NotFound($"Feed '{name}' is not polled (a webhook feed, or disabled at start).");
        }
    }

    private static async Task<Results<Accepted<FeedIntakeResult>, ProblemHttpResult>> PushAsync(
        string name, HttpContext context, IOptionsMonitor<FeedsOptions> options, FeedStateStore states, FeedIntake intake, TimeProvider clock, CancellationToken ct)
    {
        if (!options.CurrentValue.Sources.TryGetValue(name, out var d) || !string.Equals(d.Kind, "webhook", StringComparison.OrdinalIgnoreCase) || d.Secret is null)
            return TypedResults.Problem(detail: $"No webhook feed is named '{name}'.", statusCode: StatusCodes.Status404NotFound);
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        var now = clock.GetUtcNow();
        var verdict = FeedPushSignature.Verify(d.Secret, context.Request.Headers[TimestampHeader], context.Request.Headers[SignatureHeader], body, now);
        if (!verdict.IsValid)
            return TypedResults.Problem(detail: $"{verdict.Message} Sign as {SignatureHeader}: sha256=<hex HMAC-SHA256 of '{{{TimestampHeader}}}.' + body> with the feed's secret.", statusCode: StatusCodes.Status401Unauthorized);
        // Kept twice the tolerance: a replay is refused however its timestamp was chosen.
        if (!await states.TryTakePushAsync(name, verdict.Digest!, now, 2 * FeedPushSignature.DefaultTolerance, ct))
            return TypedResults.Problem(detail: "This message was taken before (same signature): a replay is refused.", statusCode: StatusCodes.Status409Conflict);
        FeedPage page;
        try
        {
            page = FeedPushBody.Parse(System.Text.Encoding.UTF8.GetString(body));
        }
        catch (Exception ex) when (ex is FeedFormatException or System.Text.Json.JsonException)
        {
            return TypedResults.Problem(detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        var format = FeedFormat.Of(name, d);
        // A feed writes its own site only: a pushed review naming another site, or an edit of a
        // review stored under another site, is refused like a key's would be.
        var result = await intake.TakeAsync(page.Reviews, format.Platform, d.Site, s => s == d.Site, ct);
        result = result with { Rejected = [.. page.Errors, .. result.Rejected], RejectedCount = result.RejectedCount + page.Errors.Count };
        if (result.Full is not null)
            return TypedResults.Problem(detail: result.Full, statusCode: StatusCodes.Status503ServiceUnavailable);
        await states.RecordPushAsync(name, result, now, ct);
        return TypedResults.Accepted((string?)null, result);
    }
}
