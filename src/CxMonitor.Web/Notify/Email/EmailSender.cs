using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Alerts;

namespace CxMonitor.Web.Notify.Email;

/// <summary>Sends through SMTP with <see cref="SmtpClient"/> (MailKit is not available here): a
/// plain-text body with an HTML alternative, one message per language among the recipients (an
/// address that is a person's user name gets that person's language, the others the channel's).
/// Every SMTP failure is worth a retry except a refused address.</summary>
public sealed class EmailSender(AlertWording wording, UserStore users) : INotificationSender
{
    public string Type => "email";

    public async Task SendAsync(string channel, ChannelOptions options, IReadOnlyList<AlertNotice> notices, string deliveryId, CancellationToken ct)
    {
        var byLanguage = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var to in options.To)
        {
            var language = (await users.FindAsync(to, ct))?.Language ?? options.Language;
            (byLanguage.TryGetValue(language, out var list) ? list : byLanguage[language] = []).Add(to);
        }
        using var smtp = new SmtpClient(options.SmtpHost, options.SmtpPort) { EnableSsl = options.SmtpTls, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (!string.IsNullOrEmpty(options.SmtpUser))
            smtp.Credentials = new NetworkCredential(options.SmtpUser, options.SmtpPassword);
        foreach (var (language, recipients) in byLanguage)
        {
            using var message = new MailMessage
            {
                From = new MailAddress(options.From!), Subject = Webhook.WebhookPayloads.Headline(notices, wording, language), SubjectEncoding = Encoding.UTF8,
            };
            foreach (var to in recipients)
                message.To.Add(to);
            message.Headers.Add("X-CxMonitor-Delivery", deliveryId);
            message.Headers.Add("Content-Language", language);
            message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(PlainText(notices, language), Encoding.UTF8, MediaTypeNames.Text.Plain));
            message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(Html(notices, language), Encoding.UTF8, MediaTypeNames.Text.Html));
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
    }

    private string Words(AlertNotice n, string language) => wording.Word(language, "notice.rule", new Dictionary<string, string>
    {
        ["rule"] = n.RuleName, ["scope"] = wording.ScopeName(n.Scope, language), ["time"] = n.Time.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
    });

    private string PlainText(IReadOnlyList<AlertNotice> notices, string language)
    {
        var sb = new StringBuilder();
        foreach (var n in notices)
        {
            var text = n.In(language);
            sb.Append('[').Append(wording.Word(language, "notice." + n.Severity)).Append("] ").Append(wording.Word(language, "notice." + n.Kind)).Append(": ").AppendLine(text.Summary);
            if (text.Description.Length > 0)
                sb.AppendLine(text.Description);
            sb.AppendLine(Words(n, language));
            if (n.Url is not null)
                sb.AppendLine(n.Url);
            sb.AppendLine();
        }
        return sb.ToString();
    }

    private string Html(IReadOnlyList<AlertNotice> notices, string language)
    {
        var sb = new StringBuilder($"<!doctype html><html lang=\"{language}\"><body style=\"font-family:sans-serif\">");
        foreach (var n in notices)
        {
            var text = n.In(language);
            var color = n.Severity == "critical" ? "#c4314b" : n.Severity == "warning" ? "#b86e00" : "#2b6cb0";
            sb.Append("<div style=\"border-left:4px solid ").Append(color).Append(";padding:4px 12px;margin:12px 0\">")
              .Append("<p style=\"margin:0;color:").Append(color).Append("\"><b>").Append(WebUtility.HtmlEncode(wording.Word(language, "notice." + n.Severity))).Append("</b> ")
              .Append(WebUtility.HtmlEncode(wording.Word(language, "notice." + n.Kind))).Append("</p><h3 style=\"margin:4px 0\">").Append(WebUtility.HtmlEncode(text.Summary)).Append("</h3>");
            if (text.Description.Length > 0)
                sb.Append("<p>").Append(WebUtility.HtmlEncode(text.Description)).Append("</p>");
            sb.Append("<p style=\"color:#555\">").Append(WebUtility.HtmlEncode(Words(n, language))).Append("</p>");
            if (n.Url is not null)
                sb.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(n.Url)).Append("\">").Append(WebUtility.HtmlEncode(wording.Word(language, "notice.open"))).Append("</a></p>");
            sb.Append("</div>");
        }
        return sb.Append("</body></html>").ToString();
    }
}
