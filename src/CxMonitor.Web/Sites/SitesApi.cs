using System.Security.Claims;
using CxMonitor.Web.Access;
using CxMonitor.Web.Access.Reach;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CxMonitor.Web.Sites;

public static class SitesApi
{
    public const long MaxSiteBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapSitesApi(this IEndpointRouteBuilder app)
    {
        var sites = app.MapGroup("/api/v1/sites").WithTags("Sites").RequireRateLimiting(AccessPolicies.IngestRateLimit);
        sites.MapGet("/", (SiteCatalog catalog) => TypedResults.Ok(catalog.All))
            .RequireAuthorization(AccessPolicies.Read)
            .WithName("ListSites").WithSummary("Every site with its time zone and opening hours.")
            .ReadsEverySite("the catalog: names, time zones and opening hours, which screens and keys need to label what they read");
        sites.MapPost("/", Upsert)
            .RequireAuthorization(AccessPolicies.CatalogWrite)
            .WithBodyLimit(MaxSiteBodyBytes)
            .WithName("UpsertSite").WithSummary("Creates a site or replaces its name, time zone and opening hours.");
        return app;
    }

    private static async Task<Results<Created<Site>, Ok<Site>, ValidationProblem, ProblemHttpResult>> Upsert(
        SiteDefinition definition, ClaimsPrincipal user, SiteCatalog catalog, CancellationToken ct)
    {
        if (ApiKeyClaims.KeyId(user) is not null && !ApiKeyClaims.CoversAllSites(user))
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                detail: $"Changing the site catalog needs an admin or an API key for all sites ('*'); this key covers only: {ApiKeyClaims.Sites(user)}.");
        if (!definition.TryToSite(out var site, out var errors))
            return TypedResults.ValidationProblem(errors, detail: "The site is not valid; see errors for each field.");
        var existed = catalog.TryGet(site!.Id, out _);
        await catalog.UpsertAsync(site, ct);
        return existed ? TypedResults.Ok(site) : TypedResults.Created($"/api/v1/sites/{site.Id}", site);
    }
}
