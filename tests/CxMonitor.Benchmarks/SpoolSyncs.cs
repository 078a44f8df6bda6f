using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Ingest.Spool;

namespace CxMonitor.Benchmarks;

/// <summary>The spool's group commits during a round, from the status's <c>spoolSyncs</c>
/// (counted since start, so a round is the difference of two readings): how often the disk was
/// synced and how long that took. A 202 waits for a sync, and a request arriving during a slow
/// one waits for it and then its own, so the sync tail shows how much of the API's tail is the
/// disk's.</summary>
internal static class SpoolSyncs
{
    /// <summary>Null for a build whose status has no <c>spoolSyncs</c> (before 2026-11-27's evening).</summary>
    public static async Task<SpoolSyncReport?> ReadAsync(HttpClient http, AppProcess app, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(app.Url, "api/v1/status"));
        request.Headers.Add("X-Api-Key", key);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var status = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return status.TryGetProperty("spoolSyncs", out var syncs) ? syncs.Deserialize<SpoolSyncReport>(Json) : null;
    }

    public static string Describe(SpoolSyncReport before, SpoolSyncReport after, TimeSpan elapsed)
    {
        var buckets = SpoolSyncTimes.Between(before, after);
        var count = after.Count - before.Count;
        string AtMost(double p) => SpoolSyncTimes.AtMostMs(buckets, p) is { } ms ? $"<= {ms:0.##} ms" : "beyond the last bucket";
        return $"disk syncs: {count / elapsed.TotalSeconds:N0}/s, p50 {AtMost(50)}, p99 {AtMost(99)}, p99.9 {AtMost(99.9)}; " +
            $"the spool's thread syncing {(after.TotalMs - before.TotalMs) / elapsed.TotalMilliseconds:P0} of the round (longest since start {after.MaxMs:N1} ms)";
    }

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);
}
