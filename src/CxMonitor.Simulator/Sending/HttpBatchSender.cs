using System.Net.Http.Headers;
using System.Text.Json;

namespace CxMonitor.Simulator.Sending;

/// <summary>
/// Posts batches to the ingest API. Throttling (429/503) is waited out for as long as the server asks,
/// resending the same bytes, hence the same ids, so nothing is counted twice. Network errors and other
/// 5xx get a few spaced retries; other 4xx are not retried; 401/403 end the run.
/// </summary>
internal sealed class HttpBatchSender(HttpClient http, string apiKey, Action<string> log) : IBatchSender
{
    private static readonly TimeSpan[] _backoff = [.. new[] { 1, 2, 4, 8, 16 }.Select(s => TimeSpan.FromSeconds(s))];
    private static readonly TimeSpan _longestWait = TimeSpan.FromMinutes(5);
    private const int RejectionsToShow = 5;
    private int _rejectionsShown;

    public async Task<BatchOutcome> SendAsync(string path, byte[] body, int count, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            string error;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add("X-Api-Key", apiKey);
                using var response = await http.SendAsync(request, cancellationToken);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                    return await ReadAnswerAsync(response, path, count, cancellationToken);
                var problem = await ReadProblemAsync(response, cancellationToken);
                error = $"HTTP {status} from {path}: {problem}";
                if (status is 401 or 403)
                    throw new AccessDeniedException(error);
                if (status is 429 or 503)
                {
                    var wait = RetryAfter(response);
                    log($"{error}; resending the same batch in {wait.TotalSeconds:0.#} s");
                    await Task.Delay(wait, cancellationToken);
                    continue;
                }
                // A 400 judged the whole batch: resending it would only be judged the same way.
                if (status == 400)
                    return new BatchOutcome(count, true, 0, 0, count, error);
                if (status < 500)
                    return BatchOutcome.Failed(count, error);
            }
            catch (HttpRequestException e)
            {
                error = $"{path}: {e.Message}";
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error = $"{path}: no answer within {http.Timeout.TotalSeconds:0} s";
            }
            if (failures == _backoff.Length)
                return BatchOutcome.Failed(count, error);
            var backoff = _backoff[failures++];
            log($"{error}; retry {failures}/{_backoff.Length} in {backoff.TotalSeconds:0} s");
            await Task.Delay(backoff, cancellationToken);
        }
    }

    private async Task<BatchOutcome> ReadAnswerAsync(HttpResponseMessage response, string path, int count, CancellationToken cancellationToken)
    {
        IngestResponse? answer;
        try
        {
            var json = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            answer = JsonSerializer.Deserialize(json, WireJson.Default.IngestResponse);
        }
        catch (JsonException e)
        {
            answer = null;
            log($"unreadable answer from {path}: {e.Message}");
        }
        if (answer is null)
            return new BatchOutcome(count, true, 0, 0, 0, $"unreadable answer from {path}");
        var rejected = answer.Rejected ?? [];
        // A generator bug would reject every batch alike: a few examples say it all.
        foreach (var r in rejected)
        {
            if (Interlocked.Increment(ref _rejectionsShown) > RejectionsToShow)
                break;
            log($"rejected by {path}: item {r.Index}, field '{r.Field}': {r.Error}");
        }
        var error = rejected.Count > 0 ? $"{rejected.Count} rejected by {path}, e.g. {rejected[0].Field}: {rejected[0].Error}" : null;
        return new BatchOutcome(count, true, answer.Accepted, answer.Duplicates, rejected.Count, error);
    }

    private static async Task<string> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            if (JsonSerializer.Deserialize(text, WireJson.Default.ProblemDetails) is { Title: not null } problem)
                return problem.Detail is null ? problem.Title : $"{problem.Title}: {problem.Detail}";
        }
        catch (JsonException)
        {
            // Not problem+json (a proxy's HTML page, say): show the start of it as it is.
        }
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? response.ReasonPhrase ?? "no details" : text[..Math.Min(300, text.Length)];
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.FromSeconds(1));
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > _longestWait ? _longestWait : wait;
    }
}
