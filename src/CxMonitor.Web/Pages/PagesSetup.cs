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
        Page(app, "/login", "login.html").AllowAnonymous().AddEndpointFilter(async (context, next) =>
        {
            // Only a path on this site may follow the sign-in; anything else is dropped here, and
            // the page's script applies the same rule (js/return-path.js).
            var back = context.HttpContext.Request.Query["return"];
            return back.Count == 0 || (back.Count == 1 && Access.People.LocalReturnPath.IsLocal(back[0]))
                ? await next(context)
                : Results.Redirect("/login");
        });
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
        app.MapGet(path, (IWebHostEnvironment env, HttpContext context) =>
        {
            // Pages change with every deployment, and what a page shows depends on who signed in:
            // never kept in a cache, shared or private.
            context.Response.Headers.CacheControl = "no-store";
            return Results.File(Path.Combine(env.WebRootPath, "_pages", file), "text/html; charset=utf-8");
        }).ExcludeFromDescription();
}
