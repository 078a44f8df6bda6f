using CxMonitor.Influx;
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
            .WithName("Ready").WithSummary("InfluxDB answers; 503 otherwise.");
        return app;
    }

    private static async Task<Results<Ok<ReadyReport>, JsonHttpResult<ReadyReport>>> Ready(InfluxDBClient influx, CancellationToken ct)
    {
        var ping = await influx.PingAsync(ct);
        var report = new ReadyReport(
            ping.Ok ? "ready" : "not ready",
            new InfluxReadiness(ping.Ok, ping.Version, Math.Round(ping.Elapsed.TotalMilliseconds, 1), ping.Error));
        return ping.Ok ? TypedResults.Ok(report) : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    public sealed record ReadyReport(string Status, InfluxReadiness Influx);

    public sealed record InfluxReadiness(bool Reachable, string? Version, double PingMs, string? Error);
}
