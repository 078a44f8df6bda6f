using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CxMonitor.Web.Access;

public static class AccessSetup
{
    /// <summary>API keys, the authentication scheme and policies, per-key rate limits.
    /// Needs <c>AddAppState</c> and <c>AddSites</c>.</summary>
    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<AccessOptions>()
            .BindConfiguration(AccessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<IngestRateLimitOptions>()
            .BindConfiguration(IngestRateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddSingleton<ApiKeyUsage>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ApiKeyUsage>());
        builder.Services.AddSingleton<ApiKeyStore>();

        builder.Services.AddAuthentication(ApiKeyDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, configureOptions: null);
        // "Read" relies on the default scheme; a later sign-in scheme for people should become
        // part of a policy scheme that picks API key or cookie per request.
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Read, p => p.RequireAuthenticatedUser())
            .AddPolicy(AccessPolicies.Ingest, p => p.AddAuthenticationSchemes(ApiKeyDefaults.Scheme).RequireAuthenticatedUser());

        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy<string, IngestRateLimitPolicy>(AccessPolicies.IngestRateLimit);
        });
        return builder;
    }

    /// <summary>Authentication first, so the rate limiter can partition by key; the rate limiter
    /// before authorization, so a flood of bad keys is throttled rather than answered at full
    /// speed; body limits last, around the endpoint that reads the body.</summary>
    public static IApplicationBuilder UseAccess(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<BodyLimitMiddleware>();
        return app;
    }
}
