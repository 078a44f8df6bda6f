using System.Net;
using System.Net.Http.Headers;
using CxMonitor.Core.Retries;
using CxMonitor.Web.Feeds.Sources;
using CxMonitor.Web.Sites;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Feeds;

/// <summary>What one poll did, for the job's status and the admin page.</summary>
public sealed record FeedPollResult(string Feed, string Outcome, int Pages, FeedIntakeResult Intake);

/// <summary>Reads one feed: a conditional request (ETag, If-Modified-Since), pages up to the
/// limit (the rest next time, from the cursor), stops early once a newest-first feed reaches
/// reviews seen before, and backs off exponentially (or as Retry-After says) on 429 and 5xx.
/// Each feed's failure stays its own: the job of another feed runs as usual.</summary>
public sealed class FeedPoller(
    IHttpClientFactory http, FeedStateStore states, FeedIntake intake, SiteCatalog sites, IOptionsMonitor<FeedsOptions> options, TimeProvider clock, ILogger<FeedPoller> logger)
{
    public const string HttpClientName = "feeds";

    public async Task<FeedPollResult> PollAsync(string name, CancellationToken ct)
    {
        var o = options.CurrentValue;
        if (!o.Sources.TryGetValue(name, out var definition))
            throw new KeyNotFoundException($"No feed is named '{name}'.");
        var format = FeedFormat.Of(name, definition);
        if (format.PushOnly || string.IsNullOrWhiteSpace(definition.Url))
            return new FeedPollResult(name, "push only: nothing to poll", 0, FeedIntakeResult.None);
        var state = await states.GetAsync(name, ct);
        var now = clock.GetUtcNow();
        if (state.RetryAt is { } retryAt && retryAt > now)
            return new FeedPollResult(name, $"backing off until {retryAt:O}", 0, FeedIntakeResult.None);

        var resuming = state.Cursor is not null;
        var url = state.Cursor ?? definition.Url!;
        var total = FeedIntakeResult.None;
        var pages = 0;
        DateTimeOffset? newest = state.HighWater;
        string? etag = state.ETag, lastModified = state.LastModified, next;
        state = state with { LastAttempt = now };
        try
        {
            while (true)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                foreach (var (header, value) in definition.Headers)
                    request.Headers.TryAddWithoutValidation(header, value);
                var conditional = pages == 0 && !resuming;
                if (conditional && etag is not null)
                    request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                if (conditional && lastModified is not null)
                    request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
                using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    next = null;
                    break;
                }
                if ((int)response.StatusCode == 429 || (int)response.StatusCode >= 500)
                    return await BackOffAsync(name, state, $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}", RetryAfter(response, now), total, pages, ct);
                if (!response.IsSuccessStatusCode)
                    return await FailAsync(name, state, $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}: check the feed's address and credentials", total, pages, ct);
                if (conditional)
                {
                    etag = response.Headers.ETag?.ToString();
                    lastModified = response.Content.Headers.LastModified?.ToString("R");
                }
                var body = await ReadTextAsync(response, format.Kind, ct);
                if (UnexpectedPage.Describe(response.Content.Headers.ContentType?.MediaType, body, format.Kind) is { } notData)
                    return await FailAsync(name, state, $"{url}: {notData}", total, pages, ct);
                var page = format.Parse(body, ZoneOf(definition));
                pages++;
                var taken = await intake.TakeAsync(page.Reviews, format.Platform, definition.Site, s => s == definition.Site, ct, total.Seen);
                if (taken.Full is not null)
                    return await BackOffAsync(name, state, taken.Full, null, total, pages, ct);
                total += Unread(page) + taken;
                var pageNewest = page.Reviews.Where(r => r.Time is not null).Select(r => r.Time!.Value).DefaultIfEmpty().Max();
                var reachedSeen = !resuming && state.HighWater is { } seen && page.Reviews.Count > 0 && pageNewest <= seen;
                if (page.Reviews.Count > 0 && (newest is null || pageNewest > newest))
                    newest = pageNewest;
                next = NextUrl(url, page, definition);
                if (next is null || reachedSeen || pages >= o.MaxPagesPerPoll)
                    break;
                url = next;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return await BackOffAsync(name, state, $"{url}: {ex.Message}", null, total, pages, ct);
        }
        catch (Exception ex) when (ex is FeedFormatException or System.Text.Json.JsonException or System.Xml.XmlException)
        {
            return await FailAsync(name, state, $"{url}: {ex.Message}", total, pages, ct);
        }
        var succeeded = clock.GetUtcNow();
        var rejected = total.RejectedCount == 0 ? null : $"{total.RejectedCount} item(s) not taken, first: {total.Rejected[0].Path}: {total.Rejected[0].Error}";
        if (rejected is not null)
            logger.LogWarning("Feed {Feed}: {Rejected}", name, rejected);
        await states.SaveAsync(name, Counted(state, total) with
        {
            ETag = etag, LastModified = lastModified, Cursor = pages >= o.MaxPagesPerPoll ? next : null, HighWater = newest,
            LastSuccess = succeeded, Failures = 0, RetryAt = null,
            // Items a poll could not read are shown where a feed's trouble is shown, though the poll itself succeeded.
            LastError = rejected ?? state.LastError, LastErrorAt = rejected is null ? state.LastErrorAt : succeeded,
        }, ct);
        return new FeedPollResult(name, pages == 0 ? "not modified" : $"{total.New} new, {total.Updated} updated, {total.Duplicates} unchanged, {total.RejectedCount} rejected", pages, total);
    }

    // Items the source's parser could not read (a Google review with STAR_RATING_UNSPECIFIED) are
    // seen and rejected like items the checks refuse, so that they neither vanish nor pass unnoticed.
    private static FeedIntakeResult Unread(FeedPage page) => page.Errors.Count == 0
        ? FeedIntakeResult.None
        : new FeedIntakeResult(page.Errors.Count, 0, 0, 0, page.Errors.Take(FeedIntake.MaxReportedErrors).ToList(), null) { RejectedCount = page.Errors.Count };

    // The declared charset (header, or an XML declaration) wins; without one the bytes decide.
    private static async Task<string> ReadTextAsync(HttpResponseMessage response, FeedSourceKind kind, CancellationToken ct)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        var declared = response.Content.Headers.ContentType?.CharSet
            ?? (kind == FeedSourceKind.Syndication ? SourceEncoding.XmlDeclared(bytes) : null);
        var encoding = SourceEncoding.Of(bytes, declared, "the feed's charset", whole: true);
        var text = encoding.GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    // Times without a zone are the feed's own setting, else its site's local time, else UTC.
    private TimeZoneInfo ZoneOf(FeedDefinition d) =>
        d.TimeZone is { Length: > 0 } id ? TimeZoneInfo.FindSystemTimeZoneById(id)
        : sites.TryGet(d.Site, out var site) ? site.Zone
        : TimeZoneInfo.Utc;

    private static string? NextUrl(string current, FeedPage page, FeedDefinition d)
    {
        if (page.NextPageUrl is { Length: > 0 } link)
            return Uri.TryCreate(new Uri(current), link, out var absolute) ? absolute.ToString() : null;
        if (page.NextPageToken is not { Length: > 0 } token)
            return null;
        var builder = new UriBuilder(d.Url!);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(builder.Query);
        var pairs = query.Where(q => q.Key != d.PageTokenParameter).SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"));
        builder.Query = string.Join('&', pairs.Append($"{Uri.EscapeDataString(d.PageTokenParameter)}={Uri.EscapeDataString(token)}"));
        return builder.Uri.ToString();
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) =>
        RetryAfterHeader.Parse(response.Headers.TryGetValues("Retry-After", out var values) ? values.FirstOrDefault() : null, now);

    private async Task<FeedPollResult> BackOffAsync(string name, FeedState state, string error, TimeSpan? retryAfter, FeedIntakeResult total, int pages, CancellationToken ct)
    {
        var o = options.CurrentValue;
        var failures = state.Failures + 1;
        // No jitter: each feed is polled on its own schedule, and the admin page shows the exact time.
        var backoff = new Backoff { First = o.FirstBackoff, Max = o.MaxBackoff, JitterRatio = 0 }.DelayAfter(failures, retryAfter, Random.Shared);
        var now = clock.GetUtcNow();
        logger.LogWarning("Feed {Feed} failed ({Failures} in a row), next try in {Backoff}: {Error}", name, failures, backoff, error);
        await states.SaveAsync(name, Counted(state, total) with { LastError = error, LastErrorAt = now, Failures = failures, RetryAt = now + backoff }, ct);
        return new FeedPollResult(name, $"failed, retrying after {backoff}: {error}", pages, total);
    }

    private async Task<FeedPollResult> FailAsync(string name, FeedState state, string error, FeedIntakeResult total, int pages, CancellationToken ct)
    {
        logger.LogWarning("Feed {Feed} failed: {Error}", name, error);
        await states.SaveAsync(name, Counted(state, total) with { LastError = error, LastErrorAt = clock.GetUtcNow(), Failures = state.Failures + 1 }, ct);
        return new FeedPollResult(name, "failed: " + error, pages, total);
    }

    private static FeedState Counted(FeedState s, FeedIntakeResult t) => s with
    {
        ItemsSeen = s.ItemsSeen + t.Seen, ItemsNew = s.ItemsNew + t.New, ItemsUpdated = s.ItemsUpdated + t.Updated, ItemsRejected = s.ItemsRejected + t.RejectedCount,
    };
}
