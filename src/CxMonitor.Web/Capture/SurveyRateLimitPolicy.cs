using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Capture;

/// <summary>A token bucket per remote address for the public survey and widget: one address that
/// floods is answered 429 at once (no queue), and every other address keeps its own bucket.</summary>
internal sealed class SurveyRateLimitPolicy(IOptions<CaptureOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "survey";
    private readonly CaptureOptions _limits = options.Value;

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetTokenBucketLimiter(httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = _limits.SurveyBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / _limits.SurveyPerMinute,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(
            $"Too many survey requests from this address: {_limits.SurveyPerMinute} a minute with bursts of {_limits.SurveyBurst}. Retry after {seconds} s.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many answers",
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds }).ExecuteAsync(context.HttpContext);
    }
}
