using CxMonitor.Web.Access.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CxMonitor.Web.Access;

public static class AccessSetup
{
    /// <summary>API keys, the authentication scheme and policies, per-key rate limits.
    /// Needs <c>AddAppState</c> and <c>AddSites</c>.</summary>
    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddErrorAnswers();
        builder.Services.AddOptions<AccessOptions>()
            .BindConfiguration(AccessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<IngestRateLimitOptions>()
            .BindConfiguration(IngestRateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddSingleton<ApiKeyUsage>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ApiKeyUsage>());
        builder.Services.AddSingleton<ApiKeyStore>();

        var authentication = builder.Services.AddAuthentication(AccessSchemes.Default)
            .AddPolicyScheme(AccessSchemes.Default, "API key or session", o => o.ForwardDefaultSelector = AccessSchemes.Select)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, configureOptions: null);
        builder.AddPeople(authentication);
        // Role policies hold for people only: an API key carries no role, so it can send and read
        // figures but never work alerts or administer.
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Read, p => p.RequireAuthenticatedUser())
            .AddPolicy(AccessPolicies.Ingest, p => p.AddAuthenticationSchemes(ApiKeyDefaults.Scheme).RequireAuthenticatedUser())
            .AddPolicy(AccessPolicies.Person, p => p.AddAuthenticationSchemes(AccessSchemes.Cookie).RequireAuthenticatedUser())
            .AddPolicy(AccessPolicies.Duty, p => p.RequireRole(UserRoles.Admin, UserRoles.Manager, UserRoles.Duty))
            .AddPolicy(AccessPolicies.Executive, p => p.RequireRole(UserRoles.Admin, UserRoles.Manager, UserRoles.Executive))
            .AddPolicy(AccessPolicies.Admin, p => p.RequireRole(UserRoles.Admin))
            .AddPolicy(AccessPolicies.CatalogWrite, p => p.RequireAssertion(c =>
                c.User.IsInRole(UserRoles.Admin) || ApiKeyClaims.KeyId(c.User) is not null))
            .AddPolicy(AccessPolicies.ReviewImport, p => p.RequireAssertion(c =>
                c.User.IsInRole(UserRoles.Admin) || ApiKeyClaims.KeyId(c.User) is not null));

        builder.Services.Replace(ServiceDescriptor.Transient<IPolicyEvaluator, AuthenticatedOncePolicyEvaluator>());

        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy<string, IngestRateLimitPolicy>(AccessPolicies.IngestRateLimit);
        });
        return builder;
    }

    /// <summary>First in the pipeline, so static files get them too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.UseMiddleware<SecurityHeaders>();

    /// <summary>No-store first, so refusals carry it too; authentication next, so the rate limiter
    /// can partition by key; the rate limiter before authorization, so a flood of bad keys (or
    /// sign-ins) is throttled rather than answered at full speed; the one-time-password gate
    /// before authorization, so no policy lets such a session through; body limits last, around
    /// the endpoint that reads the body.</summary>
    public static IApplicationBuilder UseAccess(this IApplicationBuilder app)
    {
        app.UseMiddleware<PrivateAnswers>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMiddleware<HubOriginCheck>();
        app.UseMiddleware<CsrfProtection>();
        app.UseMiddleware<PasswordChangeGate>();
        app.UseAuthorization();
        app.UseMiddleware<BodyLimitMiddleware>();
        return app;
    }
}
