using System.Security.Claims;
using CxMonitor.Web.Access;
using CxMonitor.Web.Access.Reach;
using CxMonitor.Web.Alerts.Store;
using Microsoft.AspNetCore.Http.HttpResults;
using CxMonitor.Web.Data;
using Dapper;

namespace CxMonitor.Web.Notify;

public sealed record Delivery(long Id, string Channel, int Sequence, string Kind, string Status, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

/// <summary>The delivery log of an alert (who may call: Read).</summary>
public static class NotifyApi
{
    public static IEndpointRouteBuilder MapNotifyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/alerts/{id:long}/deliveries", async Task<Results<Ok<Delivery[]>, NotFound>> (
            long id, AppStateDb db, AlertStore alerts, ClaimsPrincipal user, ReadReachResolver reaches, CancellationToken ct) =>
        {
            if (await alerts.GetAsync(id, ct) is not { } alert || !reaches.For(user).CanReadAlert(alert.Site))
                return TypedResults.NotFound();
            await using var c = await db.OpenAsync(ct);
            var rows = await c.QueryAsync<(long Id, string Channel, long Sequence, string Notice, string Status, long Attempts, string? LastError, string CreatedAt, string? SentAt)>(
                new CommandDefinition("SELECT id, channel, sequence, notice, status, attempts, last_error, created_at, sent_at FROM notify_outbox WHERE alert_id = @id ORDER BY id",
                    new { id }, cancellationToken: ct));
            return TypedResults.Ok(rows.Select(r => new Delivery(r.Id, r.Channel, (int)r.Sequence, System.Text.Json.JsonSerializer.Deserialize<AlertNotice>(r.Notice)!.Kind, r.Status,
                (int)r.Attempts, r.LastError, SqliteTime.Parse(r.CreatedAt), SqliteTime.ParseOrNull(r.SentAt))).ToArray());
        }).RequireAuthorization(AccessPolicies.Read).WithTags("Alerts").WithSummary("Every notification of the alert: channel, status, attempts, last error.");
        return app;
    }
}
