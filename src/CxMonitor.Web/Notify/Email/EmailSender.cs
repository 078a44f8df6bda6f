using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace CxMonitor.Web.Notify.Email;

/// <summary>Sends through SMTP with <see cref="SmtpClient"/> (MailKit is not available here): a
/// plain-text body with an HTML alternative. Every SMTP failure is worth a retry except a
/// refused address.</summary>
public sealed class EmailSender : INotificationSender
{
    public string Type => "email";

    public async Task SendAsync(string channel, ChannelOptions options, IReadOnlyList<AlertNotice> notices, string deliveryId, CancellationToken ct)
    {
        using var message = new MailMessage { From = new MailAddress(options.From!), Subject = Webhook.WebhookPayloads.Headline(notices), SubjectEncoding = Encoding.UTF8 };
        foreach (var to in options.To)
            message.To.Add(to);
        message.Headers.Add("X-CxMonitor-Delivery", deliveryId);
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(PlainText(notices), Encoding.UTF8, MediaTypeNames.Text.Plain));
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(Html(notices), Encoding.UTF8, MediaTypeNames.Text.Html));
        using var smtp = new SmtpClient(options.SmtpHost, options.SmtpPort) { EnableSsl = options.SmtpTls, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (!string.IsNullOrEmpty(options.SmtpUser))
            smtp.Credentials = new NetworkCredential(options.SmtpUser, options.SmtpPassword);
        try
        {
            await smtp.SendMailAsync(message, ct);
        }
        catch (SmtpFailedRecipientException ex)
        {
            throw new NotificationException($"{channel}: {ex.Message}", retryable: false, ex);
        }
        catch (Exception ex) when (ex is SmtpException or IOException or System.Net.Sockets.SocketException)
        {
            throw new NotificationException($"{channel}: {ex.Message}", retryable: true, ex);
        }
    }

    private static string PlainText(IReadOnlyList<AlertNotice> notices)
    {
        var sb = new StringBuilder();
        foreach (var n in notices)
        {
            sb.Append('[').Append(n.Severity.ToUpperInvariant()).Append("] ").Append(n.Kind).Append(": ").AppendLine(n.Summary);
            if (n.Description.Length > 0)
                sb.AppendLine(n.Description);
            sb.Append("Rule ").Append(n.RuleName).Append(", ").Append(n.Scope).Append(", ").AppendLine(n.Time.ToString("u"));
            if (n.Url is not null)
                sb.AppendLine(n.Url);
            sb.AppendLine();
        }
        return sb.ToString();
    }

    private static string Html(IReadOnlyList<AlertNotice> notices)
    {
        var sb = new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\">");
        foreach (var n in notices)
        {
            var color = n.Severity == "critical" ? "#c4314b" : n.Severity == "warning" ? "#b86e00" : "#2b6cb0";
            sb.Append("<div style=\"border-left:4px solid ").Append(color).Append(";padding:4px 12px;margin:12px 0\">")
              .Append("<p style=\"margin:0;color:").Append(color).Append("\"><b>").Append(WebUtility.HtmlEncode(n.Severity.ToUpperInvariant())).Append("</b> ")
              .Append(WebUtility.HtmlEncode(n.Kind)).Append("</p><h3 style=\"margin:4px 0\">").Append(WebUtility.HtmlEncode(n.Summary)).Append("</h3>");
            if (n.Description.Length > 0)
                sb.Append("<p>").Append(WebUtility.HtmlEncode(n.Description)).Append("</p>");
            sb.Append("<p style=\"color:#555\">").Append(WebUtility.HtmlEncode($"{n.RuleName} · {n.Scope} · {n.Time:u}")).Append("</p>");
            if (n.Url is not null)
                sb.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(n.Url)).Append("\">Open in CxMonitor</a></p>");
            sb.Append("</div>");
        }
        return sb.Append("</body></html>").ToString();
    }
}
