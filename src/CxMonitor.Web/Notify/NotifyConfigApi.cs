using CxMonitor.Web.Access;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Notify;

/// <summary>GET /api/v1/notify/config (Admin): channels and routes as configured, secrets
/// replaced by whether they are set, for the admin pages.</summary>
public static class NotifyConfigApi
{
    public static IEndpointRouteBuilder MapNotifyConfigApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/notify/config", (IOptionsMonitor<NotifyOptions> options) =>
        {
            var o = options.CurrentValue;
            return TypedResults.Ok(new
            {
                groupingWindow = o.GroupingWindow,
                channels = o.Channels.Select(c => new
                {
                    name = c.Key, type = c.Value.Type, url = c.Value.Url?.GetLeftPart(UriPartial.Authority), format = c.Value.Format,
                    secretSet = !string.IsNullOrEmpty(c.Value.Secret), smtpHost = c.Value.SmtpHost, smtpPort = c.Value.SmtpPort,
                    passwordSet = !string.IsNullOrEmpty(c.Value.SmtpPassword), from = c.Value.From, to = c.Value.To, language = c.Value.Language,
                }),
                routes = o.Routes.Select(r => new { name = r.Key, r.Value.Channels, r.Value.CatchAll, r.Value.MinSeverity, r.Value.Sites, r.Value.Labels }),
            });
        }).RequireAuthorization(AccessPolicies.Admin).WithTags("Alerts");
        return app;
    }
}
