namespace CxMonitor.Web.Trends;

public static class TrendsSetup
{
    /// <summary>Trend queries over the rollups. Needs <c>AddInfluxStorage</c>, <c>AddSites</c> and <c>AddSatisfactionMetrics</c>.</summary>
    public static IHostApplicationBuilder AddTrends(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TrendTotals>();
        builder.Services.AddSingleton<TrendFigures>();
        builder.Services.AddSingleton<TrendDetails>();
        return builder;
    }
}
