using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CxMonitor.Core.Retries;

namespace CxMonitor.Influx;

/// <summary>Sends one HTTP request with authentication, the retry policy and error mapping;
/// shared by writes, queries and ping so every path treats failures the same way.</summary>
internal sealed class InfluxTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly InfluxDBClientOptions _options;
    private readonly AuthenticationHeaderValue? _auth;

    public InfluxTransport(InfluxDBClientOptions options, HttpClient? http)
    {
        options.Validate();
        _options = options;
        _ownsHttp = http is null;
        _http = http ?? new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            AutomaticDecompression = DecompressionMethods.GZip,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _auth = options.AuthScheme switch
        {
            InfluxAuthScheme.UserPassword => new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}"))),
            InfluxAuthScheme.Token => new AuthenticationHeaderValue("Token", options.Token),
            InfluxAuthScheme.Bearer => new AuthenticationHeaderValue("Bearer", options.Token),
            _ => null,
        };
    }

    public InfluxDBClientOptions Options => _options;

    public Uri Address(string pathAndQuery) => new(_options.Url, pathAndQuery);

    /// <summary>Sends until success, a non-retryable answer, or retries run out. The request is
    /// rebuilt for every attempt because HttpRequestMessage cannot be sent twice.</summary>
    public async Task<(HttpStatusCode Status, string Body, HttpResponseHeaders Headers)> SendAsync(
        Func<HttpRequestMessage> buildRequest,
        RetryOptions retry,
        Action<InfluxException>? onRetry,
        CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            InfluxException failure;
            TimeSpan? retryAfter = null;
            using (var request = buildRequest())
            {
                if (_auth is not null)
                    request.Headers.Authorization = _auth;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(_options.Timeout);
                try
                {
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                    var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                        return (response.StatusCode, body, response.Headers);
                    retryAfter = RetryAfter(response.Headers);
                    failure = new InfluxException(ErrorText(response.StatusCode, body), response.StatusCode, null, retryAfter);
                    if (!failure.IsRetryable)
                        return (response.StatusCode, body, response.Headers);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
                {
                    var what = ex is OperationCanceledException ? $"timed out after {_options.Timeout.TotalSeconds:0.#} s" : ex.Message;
                    failure = new InfluxException($"InfluxDB at {_options.Url} could not be reached: {what}", null, ex);
                }
            }
            if (attempt >= retry.MaxRetries)
                throw failure;
            onRetry?.Invoke(failure);
            await Task.Delay(retry.DelayFor(attempt + 1, retryAfter, Random.Shared), ct).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (_ownsHttp)
            _http.Dispose();
    }

    /// <summary>InfluxDB answers errors as <c>{"error":"…"}</c>; surface that text as is.</summary>
    internal static string ErrorText(HttpStatusCode status, string body)
    {
        var message = body;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && doc.RootElement.TryGetProperty("error", out var error))
                message = error.GetString() ?? body;
            else if (doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && doc.RootElement.TryGetProperty("message", out var msg))
                message = msg.GetString() ?? body;
        }
        catch (System.Text.Json.JsonException)
        {
            // Proxies and 3 Core may answer in plain text; keep it as is.
        }
        message = string.IsNullOrWhiteSpace(message) ? "(no message)" : message.Trim();
        return $"InfluxDB answered {(int)status} {status}: {message}";
    }

    private static TimeSpan? RetryAfter(HttpResponseHeaders headers) =>
        RetryAfterHeader.Parse(headers.TryGetValues("Retry-After", out var values) ? values.FirstOrDefault() : null, DateTimeOffset.UtcNow);
}
