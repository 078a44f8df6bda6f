using CxMonitor.Web.Access;
using CxMonitor.Web.Access.Reach;
using Hangfire;
using Hangfire.Dashboard;

namespace CxMonitor.Web.Jobs;

/// <summary>Hangfire's dashboard at <c>/jobs</c>: every recurring job, run, retry and failure, with
/// its history. Admins only, through our own sign-in (endpoint authorization: a person of another
/// role gets 403, a visitor without a session the sign-in page) rather than Hangfire's
/// local-requests rule.</summary>
public static class JobsDashboard
{
    public const string Path = "/jobs";

    /// <summary>The dashboard's pages carry inline styles and its scripts set styles and draw
    /// charts; nothing else is loosened, and only for this path.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IEndpointConventionBuilder MapJobsDashboard(this IEndpointRouteBuilder app)
    {
        var options = new DashboardOptions
        {
            // Authorization is the endpoint's (below); Hangfire's default would allow local requests only.
            Authorization = [],
            AppPath = "/admin",
            DashboardTitle = "CxMonitor jobs",
            DisplayStorageConnectionString = false,
        };
        return app.MapHangfireDashboard(Path, options, app.ServiceProvider.GetRequiredService<JobStorage>())
            .RequireAuthorization(AccessPolicies.Admin)
            .WithMetadata(new ContentSecurityPolicyMetadata(ContentSecurityPolicy), new RefusedWithoutRedirect())
            .ReadsEverySite("job schedules, runs and errors, no figures");
    }
}
