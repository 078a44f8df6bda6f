using CxMonitor.Web.Access;
using CxMonitor.Web.Metrics;

namespace CxMonitor.Web.Trends;

/// <summary>The executives' view: trends by day, week or month against the period before, league
/// tables, drivers of dissatisfaction and the ratings behind a point; each also as CSV
/// (<c>format=csv</c>). Who may call: Admin, Manager, Executive.</summary>
public static class TrendsApi
{
    private static readonly string[] Metrics = SeriesQuery.Metrics;

    public static IEndpointRouteBuilder MapTrendsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/trends").RequireAuthorization(AccessPolicies.Executive).WithTags("Trends");
        group.MapGet("", SeriesAsync).WithName("Trend")
            .WithSummary("A metric by day, week or month of a scope, beside the previous period or the year before.");
        group.MapGet("/league", LeagueAsync).WithName("League")
            .WithSummary("Sites, channels or touchpoints ranked by CSAT with intervals and their change.");
        group.MapGet("/drivers", DriversAsync).WithName("Drivers")
            .WithSummary("Most frequent reason codes and words of negative comments and reviews.");
        group.MapGet("/ratings", RatingsAsync).WithName("TrendRatings")
            .WithSummary("The ratings behind a chart point, newest first.");
        return app;
    }

    private static async Task<IResult> SeriesAsync(HttpRequest request, TrendFigures figures, TimeProvider clock, CancellationToken ct)
    {
        if (!TrendQuery.TryParse(request, clock, out var q, out var error))
            return Bad(error);
        var metric = request.Query["metric"].FirstOrDefault() ?? "csat";
        if (!Metrics.Contains(metric))
            return Bad(("metric", "must be one of " + string.Join(", ", Metrics)));
        var points = await figures.SeriesAsync(metric, q.Scope, q.Period, q.Previous, ct);
        if (q.Csv)
            return TrendCsv.Series(metric, q.Scope.ToString(), points);
        return TypedResults.Ok(new
        {
            metric, scope = q.Scope.ToString(), from = q.Period.From, to = q.Period.To.AddDays(-1), bucket = q.Period.Bucket.ToString().ToLowerInvariant(),
            timeZone = q.Period.Zone.Id, previousFrom = q.Previous.From, previousTo = q.Previous.To.AddDays(-1), points,
        });
    }

    private static async Task<IResult> LeagueAsync(HttpRequest request, TrendFigures figures, TimeProvider clock, CancellationToken ct)
    {
        if (!TrendQuery.TryParse(request, clock, out var q, out var error))
            return Bad(error);
        var dimension = request.Query["dimension"].FirstOrDefault() ?? "site";
        if (!TrendTotals.Dimensions.Contains(dimension))
            return Bad(("dimension", "must be site, channel or touchpoint"));
        var rows = await figures.LeagueAsync(dimension, q.Period, q.Previous, ct);
        return q.Csv ? TrendCsv.League(dimension, rows)
            : TypedResults.Ok(new { dimension, from = q.Period.From, to = q.Period.To.AddDays(-1), previousFrom = q.Previous.From, previousTo = q.Previous.To.AddDays(-1), rows });
    }

    private static async Task<IResult> DriversAsync(HttpRequest request, TrendDetails details, TimeProvider clock, CancellationToken ct)
    {
        if (!TrendQuery.TryParse(request, clock, out var q, out var error))
            return Bad(error);
        return TypedResults.Ok(await details.DriversAsync(q.Scope, q.Period.StartInstant, q.Period.EndInstant, ct));
    }

    private static async Task<IResult> RatingsAsync(HttpRequest request, TrendDetails details, TimeProvider clock, CancellationToken ct)
    {
        if (!TrendQuery.TryParse(request, clock, out var q, out var error))
            return Bad(error);
        var limitText = request.Query["limit"].FirstOrDefault();
        var limit = 200;
        if (limitText is not null && (!int.TryParse(limitText, out limit) || limit < 1 || limit > TrendDetails.MaxRatings))
            return Bad(("limit", $"must be a whole number from 1 to {TrendDetails.MaxRatings}"));
        var negativeOnly = request.Query["negative"].FirstOrDefault() == "true";
        var ratings = await details.RatingsAsync(q.Scope, q.Period.StartInstant, q.Period.EndInstant, negativeOnly, limit, ct);
        return q.Csv ? TrendCsv.Ratings(ratings) : TypedResults.Ok(ratings);
    }

    private static IResult Bad((string Field, string Rule) error) =>
        TypedResults.Problem($"'{error.Field}' {error.Rule}.", statusCode: 400, title: "Invalid query parameter",
            extensions: new Dictionary<string, object?> { ["field"] = error.Field });
}
