using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Access;

/// <summary>A token bucket per API key: each key may burst to <c>Burst</c> requests and refills at
/// <c>RequestsPerSecond</c>, so one busy source cannot starve the others. Requests without a key
/// share a bucket per remote IP (they are about to get 401 anyway, but cheaply).</summary>
internal sealed class IngestRateLimitPolicy(IOptions<IngestRateLimitOptions> options) : IRateLimiterPolicy<string>
{
    private readonly IngestRateLimitOptions _limits = options.Value;

    // One options object and one factory for every partition: the limiter asks for the factory
    // on every request and calls it only for a new key (a closure per request before, issue 19).
    private readonly Func<string, TokenBucketRateLimiterOptions> _bucket = BucketFactory(options.Value);

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        // Key ids are [a-z0-9]{10}; "ip:" keeps addresses from ever colliding with one.
        var partition = ApiKeyClaims.KeyId(httpContext.User)
            ?? "ip:" + (httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return RateLimitPartition.GetTokenBucketLimiter(partition, _bucket);
    }

    private static Func<string, TokenBucketRateLimiterOptions> BucketFactory(IngestRateLimitOptions limits)
    {
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.Burst,
            TokensPerPeriod = limits.RequestsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        return _ => bucket;
    }

    private async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var who = ApiKeyClaims.KeyId(http.User) is { } keyId ? $"API key {keyId}" : "this address (no API key)";
        await AccessProblems.WriteAsync(http, StatusCodes.Status429TooManyRequests,
            $"Rate limit exceeded for {who}: {_limits.RequestsPerSecond} requests per second with bursts of {_limits.Burst}. Retry after {seconds} s.",
            new Dictionary<string, object?> { ["requestsPerSecond"] = _limits.RequestsPerSecond, ["burst"] = _limits.Burst, ["retryAfterSeconds"] = seconds });
    }
}
