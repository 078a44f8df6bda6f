using System.Net;
using System.Text.Json;
using CxMonitor.Testing;

namespace CxMonitor.Web.Tests.Nodes;

/// <summary>PostgreSQL stopped under a running node: readiness says so (a load balancer can see
/// it), sign-ins answer 503 with Retry-After rather than hang, and all of it comes back by itself.</summary>
public sealed class AppStateOutage
{
    [Fact]
    public async Task Readiness_reports_app_state_gone_while_postgres_is_stopped_and_back_once_it_returns()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        using var folder = new TempFolder();
        await using var app = TestApp.WithSites(folder.Sub("node"), PostgresClusterFixture.Node(await cluster.CreateDatabaseAsync()));
        using var http = app.ClientWithKey(null);

        Assert.True(await StateReachableAsync(http));
        await cluster.StopAsync(kill: true);
        Assert.False(await StateReachableAsync(http));
        var signIn = await http.PostAsync("/api/v1/session", new StringContent("""{"userName":"anna","password":"whatever-it-is"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, signIn.StatusCode);
        Assert.Equal("application/problem+json", signIn.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), signIn.Headers.RetryAfter?.Delta);

        await cluster.RestartAsync();
        Assert.True(await StateReachableAsync(http));
        signIn = await http.PostAsync("/api/v1/session", new StringContent("""{"userName":"anna","password":"whatever-it-is"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }

    /// <summary>InfluxDB is not running in this test, so the answer is 503 either way; the state part tells.</summary>
    private static async Task<bool> StateReachableAsync(HttpClient http)
    {
        var response = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.GetProperty("state").GetProperty("reachable").GetBoolean();
    }
}
