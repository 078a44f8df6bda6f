using System.Globalization;
using System.Net;
using CxMonitor.Influx;
using CxMonitor.Influx.Query;
using CxMonitor.Testing;
using CxMonitor.Web.Tests.Ingest;
using Xunit.Abstractions;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>PostgreSQL stopped for 10 s under a node taking ratings: whatever the node answers
/// meanwhile (printed, and documented in the README), every rating it acknowledged is in
/// InfluxDB, and it takes ratings again by itself once PostgreSQL is back.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresOutageUnderIngest(ClusterFixture cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_rating_acknowledged_while_postgres_was_away_is_stored_and_ingest_resumes_by_itself()
    {
        // A PostgreSQL of its own: stopping the collection's would disturb the other tests.
        await using var postgres = await PostgresCluster.StartAsync();
        var influx = "pgout_" + Guid.NewGuid().ToString("N")[..8];
        var settings = cluster.NodeSettings(await postgres.CreateDatabaseAsync("pgout"));
        await using var node = await AppProcess.StartAsync(cluster.Influxd.Url, influx, settings);
        var key = await node.CliAsync("keys", "create", "--source", "pg-test", "--sites", "*");
        using var http = new HttpClient { BaseAddress = node.Url, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var acknowledged = new List<int>();
        var answers = new Dictionary<string, int>();
        var i = 0;
        async Task<HttpStatusCode?> PostAsync()
        {
            var n = i++;
            var time = DateTimeOffset.UtcNow.AddMinutes(-2).AddMilliseconds(n).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            try
            {
                using var response = await http.PostAsync("/api/v1/ratings", IngestApp.Json(
                    $$"""{"id":"pg-{{n}}","time":"{{time}}","scale":"csat5","score":3,"site":"berlin-alexanderplatz"}"""));
                if (response.StatusCode == HttpStatusCode.Accepted)
                    acknowledged.Add(n);
                return response.StatusCode;
            }
            catch (TaskCanceledException)
            {
                return null;
            }
        }

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync());
        await postgres.StopAsync(kill: true);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < until)
        {
            var status = await PostAsync();
            var label = status?.ToString() ?? "timeout";
            answers[label] = answers.GetValueOrDefault(label) + 1;
            await Task.Delay(200);
        }
        await postgres.RestartAsync();
        output.WriteLine("answers while PostgreSQL was away: " + string.Join(", ", answers.Select(a => $"{a.Key} x{a.Value}")));
        // What the README promises: accepted while the key is cached, then 503 (come back), never a 500.
        Assert.Empty(answers.Keys.Except(["Accepted", "ServiceUnavailable"]));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        HttpStatusCode? after = null;
        while (DateTime.UtcNow < deadline && (after = await PostAsync()) != HttpStatusCode.Accepted)
            await Task.Delay(200);
        Assert.Equal(HttpStatusCode.Accepted, after);

        using var client = new InfluxDBClient(new InfluxDBClientOptions { Url = cluster.Influxd.Url });
        var query = InfluxQL.Format($"SELECT count(score) AS n FROM rating");
        long stored = 0;
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && stored < acknowledged.Count)
        {
            var series = await client.GetQueryApi().QuerySeriesAsync(query, influx);
            stored = series.Count == 0 ? 0 : series[0].GetLong(0, "n") ?? 0;
            await Task.Delay(200);
        }
        output.WriteLine($"acknowledged {acknowledged.Count} of {i} ratings, {stored} in InfluxDB");
        Assert.Equal(acknowledged.Count, stored);
    }
}
