using CxMonitor.Web.Alerts.Store;
using CxMonitor.Web.Jobs;

namespace CxMonitor.Web.Alerts;

public static class AlertsSetup
{
    /// <summary>Rules, evaluation, the alert store and notices. Needs AddAppState, AddSites,
    /// AddIngest, AddLive, AddSatisfactionMetrics and AddJobs; notifiers come from AddNotify.</summary>
    public static IHostApplicationBuilder AddAlerts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AlertRules>();
        builder.Services.AddSingleton<AlertWording>();
        builder.Services.AddSingleton<AlertStore>();
        builder.Services.AddSingleton<AlertNotices>();
        builder.Services.AddSingleton<AlertService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AlertService>());
        builder.Services.AddScheduledJob<AlertTickJob>(AlertTickJob.Name, TimeSpan.FromSeconds(10));
        return builder;
    }
}
