using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using CxMonitor.Influx;
using CxMonitor.Testing;
using CxMonitor.Web.Tests.Ingest;
using CxMonitor.Influx.Query;
using Xunit.Abstractions;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>Two nodes on PostgreSQL and Redis behind nginx. One is killed with SIGKILL while
/// ratings flow and started again on its own state folder: every acknowledged rating is in
/// InfluxDB once, and a wall connected through nginx keeps updating.</summary>
[Collection(ClusterCollection.Name)]
public sealed class NodeKilledBehindNginx(ClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly InfluxQuery CountRatings = InfluxQL.Format($"SELECT count(score) AS n FROM rating");

    [Fact]
    public async Task Every_acknowledged_rating_is_stored_once_and_the_wall_updates_within_five_seconds_of_a_kill()
    {
        var state = await cluster.Postgres.CreateDatabaseAsync("killed");
        var influx = "killed_" + Guid.NewGuid().ToString("N")[..8];
        var settings = cluster.NodeSettings(state);
        settings["Access__Ingest__RequestsPerSecond"] = "1000000";
        settings["Access__Ingest__Burst"] = "1000000";
        using var folder = new TempFolder(); // node A's state outlives its kill; deleted after the nodes stop
        var stateA = folder.Sub("node-a");
        var portA = FreePort.Next();
        await using var a = await AppProcess.StartAsync(cluster.Influxd.Url, influx, settings, stateDirectory: stateA, port: portA);
        await using var b = await AppProcess.StartAsync(cluster.Influxd.Url, influx, settings);
        await using var nginx = await NginxServer.StartAsync([a.Url, b.Url]);
        var key = await b.CliAsync("keys", "create", "--source", "kill-test", "--sites", "*");

        await using var wall = LiveClientProcess.Start(nginx.Url, key, "all");
        try
        {
            wall.NextOf(TimeSpan.FromSeconds(15), "welcome");
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"the wall did not connect through nginx: {string.Join("\n", wall.Received)}\n{nginx.ErrorLog}");
        }

        // Ratings at a steady pace through nginx; each one retried until acknowledged (202), as a
        // terminal would. Each has its own instant, so two points never share a series and time.
        const int Total = 3000;
        var start = DateTimeOffset.UtcNow.AddMinutes(-5);
        var acknowledged = new ConcurrentDictionary<int, int>();
        var failures = 0;
        using var http = new HttpClient { BaseAddress = nginx.Url, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var next = -1;
        var sendClock = System.Diagnostics.Stopwatch.StartNew();
        var sending = Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Total)
            {
                var time = start.AddMilliseconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                var json = $$"""{"id":"k-{{i}}","time":"{{time}}","scale":"csat5","score":{{1 + i % 5}},"site":"berlin-alexanderplatz","comment":"rating {{i}}"}""";
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        using var response = await http.PostAsync("/api/v1/ratings", IngestApp.Json(json));
                        if (response.StatusCode == HttpStatusCode.Accepted)
                        {
                            acknowledged[i] = attempt;
                            break;
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                    }
                    Interlocked.Increment(ref failures);
                    await Task.Delay(50);
                }
                await Task.Delay(5); // about 1,000 ratings/s over 8 senders on this 2-core machine
            }
        }));

        while (acknowledged.Count < Total / 3)
            await Task.Delay(20);
        var killedAt = DateTimeOffset.UtcNow;
        await a.KillAsync();
        output.WriteLine($"killed node A (pid {a.Pid}) after {acknowledged.Count} ratings");
        while (acknowledged.Count < 2 * Total / 3)
            await Task.Delay(20);
        await using var again = await AppProcess.StartAsync(cluster.Influxd.Url, influx, settings, stateDirectory: stateA, port: portA);
        output.WriteLine($"restarted node A after {acknowledged.Count} ratings");
        await sending;
        output.WriteLine($"sent {Total} ratings in {sendClock.Elapsed.TotalSeconds:0.0} s ({Total / sendClock.Elapsed.TotalSeconds:0}/s through nginx, the restart included)");
        await a.DisposeAsync();

        // The wall: the first rating activity after the kill came within 5 s of it.
        var messages = new List<System.Text.Json.JsonElement>();
        try
        {
            while (true)
                messages.Add(wall.Next(TimeSpan.FromSeconds(1)));
        }
        catch (TimeoutException)
        {
        }
        var killedMs = killedAt.ToUnixTimeMilliseconds();
        var firstAfter = messages.Where(m => m.GetProperty("type").GetString() == "ratings")
            .Select(m => m.GetProperty("at").GetInt64()).Where(at => at > killedMs).DefaultIfEmpty(long.MaxValue).Min();
        output.WriteLine($"wall: {messages.Count} messages, first rating activity {firstAfter - killedMs} ms after the kill; "
            + $"reconnects: {messages.Count(m => m.GetProperty("type").GetString() == "reconnected")}; failed sends: {failures}");
        Assert.True(firstAfter - killedMs < 5000, $"the wall's first update after the kill came {firstAfter - killedMs} ms later");

        // InfluxDB: every rating once (a point acknowledged by the killed node comes from its spool
        // after the restart; a resend of it is the same point, not a second one).
        Assert.Equal(Total, acknowledged.Count);
        using var client = new InfluxDBClient(new InfluxDBClientOptions { Url = cluster.Influxd.Url });
        long stored = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var series = await client.GetQueryApi().QuerySeriesAsync(CountRatings, influx);
                stored = series.Count == 0 ? 0 : series[0].GetLong(0, "n") ?? 0;
                if (stored >= Total)
                    break;
            }
            catch (InfluxException)
            {
            }
            await Task.Delay(200);
        }
        await Task.Delay(1000);
        var final = await client.GetQueryApi().QuerySeriesAsync(CountRatings, influx);
        Assert.Equal(Total, final[0].GetLong(0, "n"));
    }
}
