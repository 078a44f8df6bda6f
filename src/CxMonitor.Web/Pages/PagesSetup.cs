using CxMonitor.Web.Access;

namespace CxMonitor.Web.Pages;

/// <summary>The dashboards' pages, each behind the role that may see it: a visitor without a
/// session is sent to the sign-in page, a person without the role to /forbidden. The pages hold
/// no data; the APIs they call check the same roles again. Page HTML lives in wwwroot/_pages,
/// which static files never serve directly.</summary>
public static class PagesSetup
{
    public static IApplicationBuilder UsePageFolderGuard(this IApplicationBuilder app) =>
        app.Use((context, next) => context.Request.Path.StartsWithSegments("/_pages", StringComparison.OrdinalIgnoreCase)
            ? Results.NotFound().ExecuteAsync(context) : next(context));

    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        Page(app, "/login", "login.html").AllowAnonymous();
        Page(app, "/forbidden", "forbidden.html").AllowAnonymous();
        Page(app, "/", "home.html").RequireAuthorization(AccessPolicies.Person);
        Page(app, "/wall", "wall.html").RequireAuthorization(AccessPolicies.Read);
        Page(app, "/wall/{board}", "wall.html").RequireAuthorization(AccessPolicies.Read);
        Page(app, "/alerts", "alerts.html").RequireAuthorization(AccessPolicies.Duty);
        Page(app, "/trends", "trends.html").RequireAuthorization(AccessPolicies.Executive);
        Page(app, "/admin", "admin.html").RequireAuthorization(AccessPolicies.Admin);
        return app;
    }

    private static RouteHandlerBuilder Page(IEndpointRouteBuilder app, string path, string file) =>
        app.MapGet(path, (IWebHostEnvironment env) =>
        {
            // Pages change with every deployment: never served from a stale cache.
            return Results.File(Path.Combine(env.WebRootPath, "_pages", file), "text/html; charset=utf-8");
        }).ExcludeFromDescription();
}
