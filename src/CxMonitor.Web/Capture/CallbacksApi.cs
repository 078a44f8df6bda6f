using System.Security.Claims;
using CxMonitor.Web.Access;
using CxMonitor.Web.Access.Reach;
using CxMonitor.Web.Alerts.Store;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CxMonitor.Web.Capture;

/// <summary>"Wants a call back": the contact details survey customers left with consent, on the
/// alerts their answers raised. Who may call: roles that work alerts (policy Duty), for alerts
/// of the sites they may read; another site's alert is answered as if it did not exist.</summary>
public static class CallbacksApi
{
    public static IEndpointRouteBuilder MapCallbacksApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/alerts/{id:long}/callbacks", async Task<Results<Ok<IReadOnlyList<Callback>>, NotFound>> (
            long id, ClaimsPrincipal user, AlertStore alerts, ReadReachResolver reaches, ContactStore contacts, CancellationToken ct) =>
        {
            if (await alerts.GetAsync(id, ct) is not { } alert || !reaches.For(user).CanReadAlert(alert.Site))
                return TypedResults.NotFound();
            var ids = (await alerts.TriggersAsync(id, ct)).Select(t => t.Item.Id).OfType<string>().Distinct().ToArray();
            return TypedResults.Ok(await contacts.FindAsync(ids, ct));
        }).RequireAuthorization(AccessPolicies.Duty).WithTags("Capture")
          .WithSummary("Contact details customers left with consent on the answers behind an alert.");
        return app;
    }
}
