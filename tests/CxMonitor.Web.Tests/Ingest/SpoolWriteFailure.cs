using System.Net;
using CxMonitor.Testing;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>The spool's folder removed under a running app: the next segment cannot be opened. The
/// app runs as its own process so that its critical log line can be read.</summary>
[Collection(InfluxdCollection.Name)]
public sealed class SpoolWriteFailure(InfluxdFixture influxd)
{
    [Fact]
    public async Task A_spool_that_cannot_open_its_next_segment_answers_503_reports_it_and_logs_it_as_critical()
    {
        var db = await influxd.CreateDatabaseAsync(nameof(SpoolWriteFailure));
        await using var app = await IngestProcess.StartAsync(influxd.Url, db, new Dictionary<string, string> { ["Ingest:Spool:SegmentBytes"] = "65536" });
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostRatingsAsync("before", 10)).StatusCode);

        // Moved away in one step: the folder and its next segment are gone for the app.
        Directory.Move(app.SpoolDirectory, app.SpoolDirectory + ".gone");
        // Over a segment's size: written to the open (now unlinked) file, then the rotation fails.
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostRatingsAsync("rotating", 600)).StatusCode);

        var refused = await app.PostRatingsAsync("after", 5);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("spool stopped accepting ratings", (await refused.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.PostRatingsAsync("later", 5)).StatusCode);

        var (status, body) = await app.ReadyAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("spool stopped accepting ratings", body.GetProperty("backlog").GetProperty("spoolError").GetString());
        // The console logger writes from a queue of its own: the line may trail the 503s a little.
        var logged = System.Diagnostics.Stopwatch.StartNew();
        while (!app.App.Log.Contains("crit: CxMonitor.Web.Ingest.Spool.WriteAheadSpool", StringComparison.Ordinal) && logged.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(50);
        Assert.Contains("crit: CxMonitor.Web.Ingest.Spool.WriteAheadSpool", app.App.Log);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task A_write_the_disk_refuses_answers_that_request_503_and_the_next_request_is_stored_in_a_new_segment()
    {
        var db = await influxd.CreateDatabaseAsync(nameof(SpoolWriteFailure));
        await using var app = await IngestProcess.StartAsync(influxd.Url, db, new Dictionary<string, string> { ["Ingest:Spool:SegmentBytes"] = "65536" });
        var head = Directory.GetFiles(app.SpoolDirectory, "*.wal").Order(StringComparer.Ordinal).Last();
        var next = long.Parse(Path.GetFileNameWithoutExtension(head), System.Globalization.CultureInfo.InvariantCulture) + 1;
        // The next segment is /dev/full: every write to it fails with "no space left on device".
        File.CreateSymbolicLink(Path.Combine(app.SpoolDirectory, next.ToString("D12", System.Globalization.CultureInfo.InvariantCulture) + ".wal"), "/dev/full");
        Assert.Equal(HttpStatusCode.Accepted, (await app.PostRatingsAsync("filling", 600)).StatusCode);

        var refused = await app.PostRatingsAsync("refused", 5);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("could not write to disk", (await refused.JsonAsync()).GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await app.PostRatingsAsync("stored", 5)).StatusCode);
        Assert.Equal(605, await CountAsync(db, 605));
    }

    private async Task<long> CountAsync(string db, long expected)
    {
        await using var reader = new IngestApp(influxd.Url, db);
        return await reader.WaitForCountAsync("rating", expected, TimeSpan.FromSeconds(60));
    }
}
