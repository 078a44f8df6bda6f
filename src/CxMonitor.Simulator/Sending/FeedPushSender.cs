using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CxMonitor.Simulator.Sending;

/// <summary>
/// Pushes reviews to a signed webhook feed as a review platform would: no API key, but
/// X-Cx-Timestamp and X-Cx-Signature (sha256=hex HMAC-SHA256 of "{timestamp}." + body) with the
/// feed's shared secret. Each attempt is signed afresh, so a retry is never taken for a replay.
/// </summary>
internal sealed class FeedPushSender(HttpClient http, string secret, Action<string> log) : IBatchSender
{
    private static readonly TimeSpan[] _backoff = [.. new[] { 1, 2, 4, 8, 16 }.Select(s => TimeSpan.FromSeconds(s))];

    public async Task<BatchOutcome> SendAsync(string path, byte[] body, int count, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            string error;
            try
            {
                var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add("X-Cx-Timestamp", timestamp);
                request.Headers.Add("X-Cx-Signature", Sign(timestamp, body));
                using var response = await http.SendAsync(request, cancellationToken);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    using var answer = JsonDocument.Parse(text);
                    var r = answer.RootElement;
                    var rejected = r.GetProperty("rejectedCount").GetInt32();
                    return new BatchOutcome(count, true, r.GetProperty("new").GetInt32() + r.GetProperty("updated").GetInt32(), r.GetProperty("duplicates").GetInt32(),
                        rejected, rejected == 0 ? null : $"{path}: {rejected} rejected");
                }
                error = $"HTTP {(int)response.StatusCode} from {path}: {text}";
                if ((int)response.StatusCode is 401 or 404)
                    throw new AccessDeniedException(error + " (is the feed configured with the same secret?)");
                if ((int)response.StatusCode < 500 && (int)response.StatusCode != 429)
                    return BatchOutcome.Failed(count, error);
            }
            catch (HttpRequestException e)
            {
                error = $"{path}: {e.Message}";
            }
            if (attempt == _backoff.Length)
                return BatchOutcome.Failed(count, error);
            log($"{error}; retry {attempt + 1}/{_backoff.Length} in {_backoff[attempt].TotalSeconds:0} s");
            await Task.Delay(_backoff[attempt], cancellationToken);
        }
    }

    private string Sign(string timestamp, byte[] body)
    {
        var signed = new byte[timestamp.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(timestamp + ".", signed);
        body.CopyTo(signed, timestamp.Length + 1);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
