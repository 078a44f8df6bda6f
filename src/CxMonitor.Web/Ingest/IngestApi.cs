using System.Text.Json;
using CxMonitor.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Ingest;

public static class IngestApi
{
    /// <summary>Who may call: API keys only (policy <c>Ingest</c>), each limited to its sites
    /// and rate-limited per key.</summary>
    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<IOptions<IngestOptions>>().Value;
        var group = app.MapGroup("/api/v1").RequireAuthorization("Ingest").RequireRateLimiting("ingest").WithTags("Ingest");
        group.MapPost("/ratings", PostRatings)
            .WithBodyLimit(limits.MaxBodyBytes)
            .WithName("PostRatings")
            .WithSummary("Accepts one rating, a JSON array of up to 10,000, or NDJSON.");
        group.MapPost("/reviews", PostReviews)
            .WithBodyLimit(limits.MaxBodyBytes)
            .WithName("PostReviews")
            .WithSummary("Accepts reviews; (platform, externalId) identifies one, a resend or edit replaces it.");
        return app;
    }

    private static async Task<Results<SizedAccepted<IngestSummary>, ProblemHttpResult>> PostRatings(
        HttpContext ctx, RatingIngest ingest, TimeProvider clock, IOptions<IngestOptions> options)
    {
        // One time for the request: the JSON reader validates the common rating with it as it reads,
        // IngestAsync every other item.
        var now = default(DateTimeOffset?);
        var (items, problem) = await ReadItemsAsync(ctx, options.Value, body =>
        {
            now = clock.GetUtcNow();
            return ingest.ReadJson(body, ctx.User, now.Value);
        });
        if (problem is not null)
            return problem;
        return ToResult(await ingest.IngestAsync(items!, ctx.User, now), options.Value, ctx);
    }

    private static async Task<Results<SizedAccepted<IngestSummary>, ProblemHttpResult>> PostReviews(
        HttpContext ctx, ReviewIngest ingest, IOptions<IngestOptions> options, CancellationToken ct)
    {
        var (items, problem) = await ReadItemsAsync(ctx, options.Value);
        if (problem is not null)
            return problem;
        return ToResult(await ingest.IngestAsync(items!, ctx.User, ct), options.Value, ctx);
    }

    /// <param name="readJson">Reads a JSON (not NDJSON) body in place of <see cref="IngestBody"/>.</param>
    private static async Task<(IReadOnlyList<IngestItem>? Items, ProblemHttpResult? Problem)> ReadItemsAsync(
        HttpContext ctx, IngestOptions options, Func<ReadOnlyMemory<byte>, List<IngestItem>>? readJson = null)
    {
        if (!IngestBody.IsAccepted(ctx.Request.ContentType))
        {
            return (null, Problem(415, "Unsupported media type",
                $"Content-Type must be one of {string.Join(", ", IngestBody.MediaTypes)}; got {(string.IsNullOrEmpty(ctx.Request.ContentType) ? "none" : $"'{ctx.Request.ContentType}'")}."));
        }
        // Pooled, and alive for the request: the document and so the items point into it.
        var body = await PooledBody.ReadAsync(ctx.Request.Body, ctx.Request.ContentLength, ctx.RequestAborted);
        ctx.Response.RegisterForDispose(body);
        try
        {
            var ndjson = IngestBody.IsNdjson(ctx.Request.ContentType);
            var (doc, items) = readJson is not null && !ndjson ? (null, readJson(body.Memory)) : IngestBody.Read(body.Memory, ndjson);
            if (doc is not null)
                ctx.Response.RegisterForDispose(doc);
            if (items.Count > options.MaxItemsPerRequest)
                return (null, Problem(400, "Too many items", $"A request may hold at most {options.MaxItemsPerRequest:N0} items; this one holds {items.Count:N0}. Split it."));
            return (items, null);
        }
        catch (JsonException ex)
        {
            return (null, Problem(400, "Body is not valid JSON",
                $"The body must be a JSON object, a JSON array, or NDJSON (Content-Type: application/x-ndjson). {ex.Message}"));
        }
    }

    private static Results<SizedAccepted<IngestSummary>, ProblemHttpResult> ToResult(IngestOutcome outcome, IngestOptions options, HttpContext ctx)
    {
        switch (outcome.Status)
        {
            case IngestStatus.Accepted:
                return new SizedAccepted<IngestSummary>(outcome.Summary);
            case IngestStatus.Forbidden:
                return Problem(403, "Site not allowed for this key", outcome.Detail!, outcome.Summary.Rejected);
            case IngestStatus.Full:
                ctx.Response.Headers.RetryAfter = options.FullRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problem(503, "Ingest backlog is full", outcome.Detail! + " Nothing of this request was stored; send it again later.");
            case IngestStatus.CannotCheck:
                ctx.Response.Headers.RetryAfter = options.FullRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Problem(503, "InfluxDB is needed for these ratings", outcome.Detail! + " Nothing of this request was stored; send it again later.");
            default:
                return Problem(400, "No valid items", outcome.Detail!, outcome.Summary.Rejected);
        }
    }

    private static ProblemHttpResult Problem(int status, string title, string detail, IReadOnlyList<ItemError>? rejected = null) =>
        TypedResults.Problem(detail, statusCode: status, title: title,
            extensions: rejected is null ? null : new Dictionary<string, object?> { ["rejected"] = rejected });
}
