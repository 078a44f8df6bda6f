using CxMonitor.Core.Alerts;
using CxMonitor.Web.Alerts.Store;
using CxMonitor.Web.Notify;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Alerts;

/// <summary>Turns a lifecycle step into a notice for every notifier, unless a silence matches:
/// then the alert is marked silenced and recorded, and nobody is notified.</summary>
public sealed class AlertNotices(
    AlertStore store,
    IEnumerable<IAlertNotifier> notifiers,
    IOptions<AlertsOptions> options,
    TimeProvider clock,
    ILogger<AlertNotices> logger)
{
    public async Task SendAsync(AlertInstance alert, CriticalMomentRule? rule, string kind, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var labels = rule?.Labels ?? new Dictionary<string, string>();
        var site = AlertRecord.SiteOf(alert.Scope);
        var silence = (await store.SilencesAsync(now, includeEnded: false, ct)).FirstOrDefault(s => s.Matches(alert.Rule, site, labels, now));
        if (silence is not null)
        {
            await store.SetAsync(alert.Id, now, AlertService.System, "silenced", $"{kind} not sent: silence {silence.Id} by {silence.Author} ({silence.Comment})", ct, ("silenced", 1));
            return;
        }
        var record = await store.GetAsync(alert.Id, ct);
        var route = kind == AlertNoticeKinds.Escalation && rule?.Escalate is { } e ? e.Route : rule?.Route ?? "default";
        var notice = new AlertNotice(alert.Id, alert.NoticeSequence, kind, alert.Rule, alert.Severity.ToString().ToLowerInvariant(), alert.Scope, site,
            labels, record?.Summary ?? alert.Rule, record?.Description ?? "", route, now,
            options.Value.PublicUrl is { Length: > 0 } url ? $"{url.TrimEnd('/')}/alerts/{alert.Id}" : null)
        {
            Texts = record?.Texts ?? new Dictionary<string, AlertText>(),
        };
        foreach (var notifier in notifiers)
        {
            try
            {
                await notifier.NotifyAsync(notice, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "A notifier failed to take the {Kind} notice of alert {Id}", kind, alert.Id);
            }
        }
    }
}
