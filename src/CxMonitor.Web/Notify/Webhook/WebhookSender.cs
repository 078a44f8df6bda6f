using System.Net;
using System.Net.Http.Headers;

namespace CxMonitor.Web.Notify.Webhook;

/// <summary>POSTs the payload, signed. 2xx is delivered; 408, 429 and 5xx and network errors
/// are worth a retry; other answers are not (the receiver refuses the message itself).</summary>
public sealed class WebhookSender(IHttpClientFactory http, CxMonitor.Web.Alerts.AlertWording wording, TimeProvider clock) : INotificationSender
{
    public string Type => "webhook";

    public async Task SendAsync(string channel, ChannelOptions options, IReadOnlyList<AlertNotice> notices, string deliveryId, CancellationToken ct)
    {
        var body = WebhookPayloads.Build(options.Format, notices, wording, options.Language);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(options.Secret!, timestamp, body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, deliveryId);
        HttpResponseMessage response;
        try
        {
            response = await http.CreateClient("notify").SendAsync(request, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new NotificationException($"{channel}: {ex.Message}", retryable: true, ex);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
                return;
            var status = (int)response.StatusCode;
            throw new NotificationException($"{channel}: the receiver answered {status} {response.ReasonPhrase}",
                retryable: status is 408 or 429 || status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout);
        }
    }
}
