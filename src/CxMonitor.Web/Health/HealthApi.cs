using CxMonitor.Influx;
using CxMonitor.Web.Data;
using CxMonitor.Web.Ingest.Spool;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CxMonitor.Web.Health;

public static class HealthApi
{
    /// <summary>Anonymous by design: orchestrators and load balancers probe these without
    /// credentials, and they reveal nothing beyond up/down and the InfluxDB round trip.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").AllowAnonymous().WithTags("Health");
        health.MapGet("/live", () => TypedResults.Ok(new { status = "live" }))
            .WithName("Live").WithSummary("The process is up.");
        health.MapGet("/ready", Ready)
            .WithName("Ready").WithSummary("InfluxDB and app state answer; 503 otherwise.");
        return app;
    }

    /// <summary>Ready means InfluxDB answers, its databases exist, app state (SQLite or the shared
    /// PostgreSQL) answers, and the spool both takes and gives. A backlog alone does not make the app unready (ingest keeps accepting into the
    /// spool), but it is reported so operators see it grow.</summary>
    private static async Task<Results<Ok<ReadyReport>, JsonHttpResult<ReadyReport>>> Ready(
        InfluxDBClient influx, InfluxDatabases databases, WriteAheadSpool spool, SpoolDrainer drainer, AppStateDb state, CancellationToken ct)
    {
        var ping = await influx.PingAsync(ct);
        var stateError = await AppStateErrorAsync(state, ct);
        var spoolError = spool.Fault ?? drainer.SpoolError;
        var ready = ping.Ok && databases.Present && spoolError is null && stateError is null;
        var report = new ReadyReport(
            ready ? "ready" : "not ready",
            new InfluxReadiness(ping.Ok, ping.Version, Math.Round(ping.Elapsed.TotalMilliseconds, 1), ping.Error, databases.Present, databases.Problem),
            new BacklogReadiness(spool.BacklogLines, spool.BacklogBytes, spool.OldestBacklogAge is { } age ? Math.Round(age.TotalSeconds, 1) : null, spoolError))
        {
            State = new AppStateReadiness(stateError is null, stateError),
        };
        return ready ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>A load balancer's probe must not hang on a database that does not answer.</summary>
    private static async Task<string?> AppStateErrorAsync(AppStateDb state, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await using var connection = await state.OpenAsync(timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(timeout.Token);
            return null;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException && !ct.IsCancellationRequested)
        {
            return ex is OperationCanceledException ? "app state did not answer within 2 s" : ex.Message;
        }
    }

    public sealed record ReadyReport(string Status, InfluxReadiness Influx, BacklogReadiness Backlog)
    {
        public AppStateReadiness? State { get; init; }
    }

    /// <summary>Whether this node reaches its app state; the error says why not (never the connection string).</summary>
    public sealed record AppStateReadiness(bool Reachable, string? Error);

    /// <summary><see cref="SpoolError"/>: the spool cannot write or cannot be read.</summary>
    public sealed record BacklogReadiness(long Items, long Bytes, double? OldestAgeSeconds, string? SpoolError);

    public sealed record InfluxReadiness(bool Reachable, string? Version, double PingMs, string? Error, bool Databases, string? DatabasesError);
}
