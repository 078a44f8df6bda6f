using System.Globalization;
using System.Security.Claims;
using CxMonitor.Core.Metrics;
using CxMonitor.Web.Access.Reach;
using CxMonitor.Web.Live;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CxMonitor.Web.Metrics;

public static class MetricsApi
{
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(800);

    // Inside what InfluxDB holds (1677-09-21 to 2262-04-11), with room for the context around an alert.
    private static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero), Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const int MaxPoints = 5000;

    /// <summary>Who may call: any authenticated caller (policy <c>Read</c>).</summary>
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").RequireAuthorization("Read").WithTags("Metrics");
        group.MapGet("/snapshots", Snapshots).WithName("Snapshots").WithSummary("The latest snapshots of the scopes asked for (default every scope) and window (default every window).");
        group.MapGet("/series", Series).WithName("Series").WithSummary("A metric of one scope over time, from rollups or raw points as fits the range.");
        return app;
    }

    private static Results<Ok<SnapshotsResponse>, ProblemHttpResult> Snapshots(
        SnapshotStore store, ClaimsPrincipal user, ReadReachResolver reaches, string? scope, string? window)
    {
        var reach = reaches.For(user);
        var scopes = new List<string>();
        // No scope: every scope the caller may read (an empty list asks the store for all, filtered below).
        foreach (var text in (scope ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!SatisfactionScope.TryParse(text, out var parsed))
                return Bad("scope", $"'{text}' is not a scope: use all, site:ID, channel:NAME, touchpoint:NAME or site-touchpoint:ID/NAME");
            if (!reach.CanRead(parsed))
                return NotYours(text);
            scopes.Add(parsed.ToString());
        }
        string? windowCode = null;
        if (window is not null)
        {
            if (!SatisfactionWindows.TryParse(window, out var w))
                return Bad("window", "must be one of 15m, 1h, today, 24h, 7d, 30d");
            windowCode = SatisfactionWindows.Code(w);
        }
        var found = store.For(scopes, windowCode);
        if (scopes.Count == 0 && !reach.All)
            found = [.. found.Where(s => SatisfactionScope.TryParse(s.Scope, out var p) && reach.CanRead(p))];
        return TypedResults.Ok(new SnapshotsResponse(store.LastComputed, found));
    }

    private static async Task<Results<Ok<SeriesResponse>, ProblemHttpResult>> Series(
        SeriesQuery series, TimeProvider clock, ClaimsPrincipal user, ReadReachResolver reaches, string? metric, string? scope, string? from, string? to, string? step, CancellationToken ct)
    {
        metric ??= "csat";
        if (!SeriesQuery.Metrics.Contains(metric))
            return Bad("metric", "must be one of " + string.Join(", ", SeriesQuery.Metrics));
        if (!SatisfactionScope.TryParse(scope ?? "all", out var parsedScope))
            return Bad("scope", "must be all, site:ID, channel:NAME, touchpoint:NAME or site-touchpoint:ID/NAME");
        if (!reaches.For(user).CanRead(parsedScope))
            return NotYours(scope ?? "all");
        var now = clock.GetUtcNow();
        if (!TryTime(to, now, out var end) || end < Earliest || end > Latest)
            return Bad("to", $"must be an RFC 3339 date-time from {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}");
        if (!TryTime(from, end.AddDays(-7), out var start) || start < Earliest || start > Latest)
            return Bad("from", $"must be an RFC 3339 date-time from {Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}");
        if (end <= start || end - start > MaxRange)
            return Bad("from", $"must be before 'to' and at most {MaxRange.TotalDays:0} days earlier");
        if (!TryStep(step ?? "1h", out var stepSpan))
            return Bad("step", $"must be a duration such as 15m, 1h or 1d (at least 1m, at most {MaxRange.TotalDays:0}d)");
        if ((end - start) / stepSpan > MaxPoints)
            return Bad("step", $"gives more than {MaxPoints} points over this range; use a coarser step");
        var points = await series.GetAsync(metric, parsedScope, start, end, stepSpan, ct);
        return TypedResults.Ok(new SeriesResponse(metric, parsedScope.ToString(), start, end, step ?? "1h", points));
    }

    private static bool TryTime(string? text, DateTimeOffset fallback, out DateTimeOffset time)
    {
        time = fallback;
        return text is null || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    private static bool TryStep(string text, out TimeSpan step)
    {
        step = default;
        // Bounded before it becomes a TimeSpan: 10675200d would overflow one.
        if (text.Length < 2 || !long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > 800 * 24 * 60)
            return false;
        step = text[^1] switch { 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), 'd' => TimeSpan.FromDays(n), _ => default };
        return step >= TimeSpan.FromMinutes(1) && step <= MaxRange;
    }

    private static ProblemHttpResult Bad(string field, string rule) =>
        TypedResults.Problem($"'{field}' {rule}.", statusCode: 400, title: "Invalid query parameter",
            extensions: new Dictionary<string, object?> { ["field"] = field });

    /// <summary>403 naming the scope, whether or not it has data: a caller learns nothing of other sites.</summary>
    private static ProblemHttpResult NotYours(string scope) =>
        TypedResults.Problem($"'scope' {scope} is not readable with this key or screen: a key reads the sites it was made for, a screen the scopes on its board.",
            statusCode: 403, title: "Scope not allowed", extensions: new Dictionary<string, object?> { ["field"] = "scope" });

    public sealed record SnapshotsResponse(DateTimeOffset? ComputedAt, IReadOnlyList<LiveSnapshot> Snapshots);

    public sealed record SeriesResponse(string Metric, string Scope, DateTimeOffset From, DateTimeOffset To, string Step, IReadOnlyList<SeriesPoint> Points);
}
