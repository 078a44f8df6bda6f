using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CxMonitor.Web.Tests;

[Collection(InfluxdCollection.Name)]
public class HealthEndpoints(InfluxdFixture influxd)
{
    [Fact]
    public async Task Ready_answers_200_with_the_influxdb_version_when_influxdb_is_up()
    {
        await using var app = CreateApp(influxd.Url);
        var response = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("influx").GetProperty("reachable").GetBoolean());
        Assert.StartsWith("1.", body.GetProperty("influx").GetProperty("version").GetString());
    }

    [Fact]
    public async Task Ready_answers_503_naming_the_problem_when_influxdb_is_down_while_live_stays_200()
    {
        await using var app = CreateApp(new Uri($"http://127.0.0.1:{FreePort.Next()}/"));
        var client = app.CreateClient();
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("could not be reached", body.GetProperty("influx").GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    private static WebApplicationFactory<Program> CreateApp(Uri influxUrl) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("Influx:Url", influxUrl.ToString()));
}
