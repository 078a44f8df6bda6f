using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CxMonitor.Web.Access.People;

/// <summary>Marks the endpoint whose attempts <see cref="SignInRateLimits"/> counts.</summary>
public sealed class SignInAttempt;

/// <summary>Sign-in attempts are limited per client address and overall (token buckets of
/// <see cref="PeopleOptions.SignInsPerAddressPerMinute"/> and <see cref="PeopleOptions.SignInsPerMinute"/>),
/// in the rate-limiting middleware, so a flood is refused with 429 before any password is hashed.
/// Two limits at once need the global limiter (an endpoint takes only one policy); every other
/// request passes it without a limit.</summary>
internal static class SignInRateLimits
{
    public static readonly SignInAttempt Marker = new();

    public static PartitionedRateLimiter<HttpContext> Create(PeopleOptions people) => PartitionedRateLimiter.CreateChained(
        PartitionedRateLimiter.Create<HttpContext, string>(c => IsSignIn(c)
            ? RateLimitPartition.GetTokenBucketLimiter("ip:" + (c.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => PerMinute(people.SignInsPerAddressPerMinute))
            : RateLimitPartition.GetNoLimiter("")),
        PartitionedRateLimiter.Create<HttpContext, string>(c => IsSignIn(c)
            ? RateLimitPartition.GetTokenBucketLimiter("all", _ => PerMinute(people.SignInsPerMinute))
            : RateLimitPartition.GetNoLimiter("")));

    public static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        // Also the answer of any named policy without its own (today every one has its own).
        var what = IsSignIn(context.HttpContext) ? "sign-in attempts" : "requests";
        await AccessProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
            $"Too many {what}: try again in {seconds} s.", new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
    }

    private static bool IsSignIn(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<SignInAttempt>() is not null;

    // A burst of a minute's worth, then one more every 60/n seconds: smooth, not a cliff each minute.
    private static TokenBucketRateLimiterOptions PerMinute(int perMinute) => new()
    {
        TokenLimit = perMinute,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromMinutes(1) / perMinute,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
