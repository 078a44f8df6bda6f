using System.Net;
using System.Net.Http.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Tests.Ingest;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>Two app processes on one PostgreSQL and one Redis: a wall on one node sees what the
/// other accepted, and a person signed in on one node is signed in on the other.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LiveAcrossNodes(ClusterFixture cluster) : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private AppProcess _a = null!;
    private AppProcess _b = null!;

    public async Task InitializeAsync()
    {
        var state = await cluster.Postgres.CreateDatabaseAsync("live");
        var influx = $"live_{Guid.NewGuid():N}"[..16];
        // One after the other: the second finds the schema migrated (both at once is tested below).
        _a = await AppProcess.StartAsync(cluster.Influxd.Url, influx, cluster.NodeSettings(state));
        _b = await AppProcess.StartAsync(cluster.Influxd.Url, influx, cluster.NodeSettings(state));
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task A_rating_accepted_by_one_node_reaches_a_wall_connected_to_the_other()
    {
        var key = await _a.CliAsync("keys", "create", "--source", "wall-test", "--sites", "*");
        await using var wall = LiveClientProcess.Start(_b.Url, key, "all");
        wall.NextOf(Wait, "welcome");

        using var http = new HttpClient { BaseAddress = _a.Url };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var response = await http.PostAsync("/api/v1/ratings", IngestApp.Json(
            """{"id":"across-1","scale":"csat5","score":5,"site":"berlin-alexanderplatz","comment":"Quick and kind"}"""));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var activity = wall.NextOf(Wait, "ratings").GetProperty("data");
        Assert.Contains("Quick and kind", activity.ToString());
    }

    [Fact]
    public async Task A_person_signed_in_on_one_node_is_signed_in_on_the_other_and_signing_out_ends_it_on_both()
    {
        using var onA = await _a.AdminClientAsync(); // its cookies are sent to the other node too (same host)
        var onB = new Uri(_b.Url, "api/v1/session");

        var session = await onA.GetAsync(onB);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.StartsWith("bench-", (await session.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("userName").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await onA.DeleteAsync("api/v1/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onA.GetAsync(onB)).StatusCode);
    }
}
