using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Notify;

/// <summary>Fails the start with a message naming the setting, never echoing a secret.</summary>
internal sealed class NotifyOptionsValidator : IValidateOptions<NotifyOptions>
{
    public ValidateOptionsResult Validate(string? name, NotifyOptions o)
    {
        var errors = new List<string>();
        foreach (var (channel, c) in o.Channels)
        {
            var key = $"Notify:Channels:{channel}";
            if (!CxMonitor.Web.Alerts.AlertWording.Languages.Contains(c.Language))
                errors.Add($"{key}:Language must be one of {string.Join(", ", CxMonitor.Web.Alerts.AlertWording.Languages)}.");
            switch (c.Type)
            {
                case "webhook":
                    if (c.Url is null || !c.Url.IsAbsoluteUri || c.Url.Scheme is not ("http" or "https"))
                        errors.Add($"{key}:Url must be an absolute http(s) address.");
                    if (string.IsNullOrEmpty(c.Secret) || c.Secret.Length < 16)
                        errors.Add($"{key}:Secret must be at least 16 characters (receivers verify the signature with it).");
                    if (c.Format is not ("cxmonitor" or "slack" or "teams"))
                        errors.Add($"{key}:Format must be cxmonitor, slack or teams.");
                    break;
                case "email":
                    if (string.IsNullOrEmpty(c.SmtpHost))
                        errors.Add($"{key}:SmtpHost is required.");
                    if (string.IsNullOrEmpty(c.From) || c.To.Count == 0)
                        errors.Add($"{key}:From and {key}:To (one or more addresses) are required.");
                    break;
                default:
                    errors.Add($"{key}:Type must be webhook or email.");
                    break;
            }
        }
        foreach (var (route, r) in o.Routes)
        {
            foreach (var channel in r.Channels.Where(c => !o.Channels.ContainsKey(c)))
                errors.Add($"Notify:Routes:{route}:Channels names '{channel}', which is not a channel under Notify:Channels.");
            if (r.MinSeverity is not ("info" or "warning" or "critical"))
                errors.Add($"Notify:Routes:{route}:MinSeverity must be info, warning or critical.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
