using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>Two app processes with Hangfire on the cluster's PostgreSQL: each tick of every
/// recurring job runs on one node only, and a node killed while holding a job's lock holds up
/// that job only until <c>Jobs:LockTimeout</c>, after which the other node runs it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class JobsOncePerCluster(ClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly string[] Jobs = ["AlertTick", "RollingSatisfaction", "Rollup"];
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task Each_tick_runs_on_one_node_and_a_killed_node_is_taken_over()
    {
        var state = await cluster.Postgres.CreateDatabaseAsync("jobs");
        var settings = cluster.NodeSettings(state);
        foreach (var job in Jobs)
            settings[$"Jobs__{job}__Interval"] = "00:00:02";
        settings["Jobs__LockTimeout"] = LockTimeout.ToString();
        var influx = "jobs_" + Guid.NewGuid().ToString("N")[..8];
        await using var a = await AppProcess.StartAsync(cluster.Influxd.Url, influx, settings);
        await using var b = await AppProcess.StartAsync(cluster.Influxd.Url, influx, settings);
        // Each node's start runs every interval job once more, off the schedule; ticks are checked from here.
        var bothUp = DateTimeOffset.UtcNow.AddSeconds(1);
        using var toA = await a.AdminClientAsync();
        using var toB = await b.AdminClientAsync();

        // Both nodes running for some ticks: every tick once between them.
        await Eventually(async () => DateTimeOffset.UtcNow > bothUp.AddSeconds(8)
            && (await RunsAsync(toA)).Values.Sum() >= 3 && (await RunsAsync(toB)).Values.Sum() >= 3, "both nodes ran jobs", 40);
        var onA = await RunsAsync(toA);
        var onB = await RunsAsync(toB);
        await using var db = new NpgsqlConnection(state);
        await db.OpenAsync();
        foreach (var job in Jobs)
        {
            var ticks = await TicksAsync(db, job);
            output.WriteLine($"{job}: {ticks.Count} ticks in storage, runs A {onA[job]} + B {onB[job]}");
            var onGrid = ticks.Where(t => t > bothUp).Order().ToList();
            Assert.True(onGrid.Count >= 3, $"{job}: {onGrid.Count} ticks since both nodes are up");
            Assert.Equal(onGrid.Count, onGrid.Distinct().Count()); // no tick enqueued twice
            // Every tick on the job's grid. A scheduler that polls late under load (CI on 2 cores)
            // skips a missed tick by design (relaxed misfire handling: one late run, not a burst),
            // so a gap may span whole intervals; what may never happen is a tick off the grid.
            for (var i = 1; i < onGrid.Count; i++)
                Assert.True((onGrid[i] - onGrid[i - 1]).Ticks % Interval.Ticks == 0, $"{job}: ticks {onGrid[i - 1]:O} and {onGrid[i]:O} are off the job's grid");
            // Each tick ran on one node: the runs of both nodes (read first) never exceed the ticks.
            Assert.True(onA[job] + onB[job] <= ticks.Count, $"{job}: {onA[job]} + {onB[job]} runs for {ticks.Count} ticks");
            Assert.True(onA[job] + onB[job] >= 3, $"{job}: only {onA[job] + onB[job]} runs");
        }

        // Node A killed mid-run of RollingSatisfaction leaves its lock row behind; it is put there
        // as the kill would (the job takes milliseconds, too short to aim a kill -9 at). Hangfire.PostgreSql
        // prefixes a lock's name with its schema.
        await a.KillAsync();
        await a.DisposeAsync();
        var lockedAt = Stopwatch.StartNew();
        while (await ExecuteAsync(db, "INSERT INTO hangfire.lock (resource, updatecount, acquired) VALUES ('hangfire:cxmonitor:job:RollingSatisfaction', 0, now()) ON CONFLICT DO NOTHING") == 0)
        {
            lockedAt.Restart();
            await Task.Delay(20); // node B is running it this moment; its run deletes the row when done
        }
        var before = await RunsAsync(toB);
        await Eventually(async () => (await RunsAsync(toB))["AlertTick"] >= before["AlertTick"] + 2, "node B keeps ticking alone", 15);
        Assert.Equal(before["RollingSatisfaction"], (await RunsAsync(toB))["RollingSatisfaction"]); // held by the dead node's lock
        await Eventually(async () => (await RunsAsync(toB))["RollingSatisfaction"] > before["RollingSatisfaction"], "the held job taken over", 30);
        var takenOverAfter = lockedAt.Elapsed;
        output.WriteLine($"RollingSatisfaction taken over by node B {takenOverAfter.TotalSeconds:0.0} s after the dead node's lock (timeout {LockTimeout.TotalSeconds} s)");
        Assert.True(takenOverAfter >= LockTimeout - TimeSpan.FromSeconds(1), $"taken over after {takenOverAfter}, before the lock timed out");
        // Taken over at the first tick after the lock times out; slack for a loaded machine's polling.
        Assert.True(takenOverAfter <= LockTimeout + Interval + TimeSpan.FromSeconds(10), $"taken over only after {takenOverAfter}");
        var after = await RunsAsync(toB);
        Assert.True(after["Rollup"] > before["Rollup"], "Rollup stopped with node A");
    }

    private static async Task<Dictionary<string, long>> RunsAsync(HttpClient node)
    {
        var jobs = await node.GetFromJsonAsync<JsonElement>("api/v1/jobs");
        return jobs.EnumerateArray().ToDictionary(j => j.GetProperty("name").GetString()!, j => j.GetProperty("runs").GetInt64());
    }

    /// <summary>The scheduled times of the job's ticks Hangfire enqueued (runs by hand have none).</summary>
    private static async Task<List<DateTimeOffset>> TicksAsync(NpgsqlConnection db, string job)
    {
        await using var command = new NpgsqlCommand("""
            SELECT t.value FROM hangfire.jobparameter t JOIN hangfire.jobparameter r ON r.jobid = t.jobid AND r.name = 'RecurringJobId'
            WHERE t.name = 'Time' AND r.value = @job
            """, db);
        command.Parameters.AddWithValue("job", JsonSerializer.Serialize(job));
        var ticks = new List<DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ticks.Add(DateTimeOffset.FromUnixTimeSeconds(long.Parse(reader.GetString(0).Trim('"'), System.Globalization.CultureInfo.InvariantCulture)));
        return ticks;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what, int withinSeconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(withinSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"not within {withinSeconds} s: {what}");
            await Task.Delay(200);
        }
    }
}
