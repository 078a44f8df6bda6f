using CxMonitor.Web.Notify.Email;
using CxMonitor.Web.Notify.Webhook;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Notify;

public static class NotifySetup
{
    /// <summary>The outbox, its dispatcher and the email and webhook channels. Needs AddAppState.</summary>
    public static IHostApplicationBuilder AddNotify(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotifyOptions>().BindConfiguration(NotifyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<NotifyOptions>, NotifyOptionsValidator>();
        builder.Services.AddHttpClient("notify", c => c.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<NotifyOutbox>();
        builder.Services.AddSingleton<IAlertNotifier>(sp => sp.GetRequiredService<NotifyOutbox>());
        builder.Services.AddSingleton<INotificationSender, WebhookSender>();
        builder.Services.AddSingleton<INotificationSender, EmailSender>();
        builder.Services.AddHostedService<NotifyDispatcher>();
        return builder;
    }
}
