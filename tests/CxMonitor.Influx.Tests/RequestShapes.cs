using System.Text;
using CxMonitor.Influx.Query;
using CxMonitor.Influx.Write;
using CxMonitor.Testing;

namespace CxMonitor.Influx.Tests;

/// <summary>What InfluxDB 1.x, 2.x (v1 compatibility API) and 3 Core expect on the wire, checked
/// on a recording server because only 1.6.7 can run here.</summary>
public class RequestShapes : IAsyncLifetime
{
    private HttpStandIn _server = null!;

    public async Task InitializeAsync() => _server = await HttpStandIn.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(InfluxAuthScheme.Token, "Token s3cret")]
    [InlineData(InfluxAuthScheme.Bearer, "Bearer s3cret")]
    public async Task Token_writes_look_as_v2_and_v3_expect(InfluxAuthScheme scheme, string authorization)
    {
        using var client = new InfluxDBClient(new InfluxDBClientOptions { Url = _server.Url, AuthScheme = scheme, Token = "s3cret" });
        await client.GetWriteApiAsync().WritePointsAsync([PointData.Measurement("m").Field("v", 1L).Timestamp(5)], "bucket", "autogen");

        var r = Assert.Single(_server.Requests);
        Assert.Equal("POST", r.Method);
        Assert.Equal("/write", r.Path);
        Assert.Equal("bucket", r.Query["db"]);
        Assert.Equal("autogen", r.Query["rp"]);
        Assert.Equal("ms", r.Query["precision"]);
        Assert.Equal(authorization, r.Headers["Authorization"]);
        Assert.StartsWith("text/plain", r.Headers["Content-Type"]);
        Assert.Equal("m v=1i 5", r.Body);
    }

    [Fact]
    public async Task Nanosecond_writes_send_no_precision_so_every_server_reads_nanoseconds()
    {
        using var client = new InfluxDBClient(new InfluxDBClientOptions { Url = _server.Url });
        await client.GetWriteApiAsync().WritePointsAsync([PointData.Measurement("m").Field("v", 1L).Timestamp(7, WritePrecision.Ns)], "db");
        var r = Assert.Single(_server.Requests);
        Assert.False(r.Query.ContainsKey("precision"));
        Assert.Equal("m v=1i 7", r.Body);
    }

    [Fact]
    public async Task User_and_password_go_as_basic_auth()
    {
        using var client = new InfluxDBClient(new InfluxDBClientOptions { Url = _server.Url, AuthScheme = InfluxAuthScheme.UserPassword, Username = "u", Password = "p:w" });
        await client.GetWriteApiAsync().WriteRecordsAsync("m v=1i 1", 1, "db");
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("u:p:w"));
        Assert.Equal(expected, Assert.Single(_server.Requests).Headers["Authorization"]);
    }

    [Fact]
    public async Task Queries_ask_for_millisecond_epochs_and_reads_use_get()
    {
        _server.Fallback = new ScriptedResponse(200, """{"results":[{"statement_id":0}]}""");
        using var client = new InfluxDBClient(new InfluxDBClientOptions { Url = _server.Url, AuthScheme = InfluxAuthScheme.Token, Token = "t" });
        await client.GetQueryApi().QueryAsync(InfluxQL.Format($"SELECT count(v) FROM m WHERE site = {"a b"}"), "bucket");
        await client.GetQueryApi().QueryAsync(new InfluxQuery("DROP MEASUREMENT m"), "bucket");

        var read = _server.Requests[0];
        Assert.Equal("GET", read.Method);
        Assert.Equal("/query", read.Path);
        Assert.Equal("bucket", read.Query["db"]);
        Assert.Equal("ms", read.Query["epoch"]);
        Assert.Equal("SELECT count(v) FROM m WHERE site = 'a b'", read.Query["q"]);
        Assert.Equal("Token t", read.Headers["Authorization"]);
        var change = _server.Requests[1];
        Assert.Equal("POST", change.Method);
        Assert.Equal("q=DROP%20MEASUREMENT%20m", change.Body);
    }

    [Fact]
    public async Task Gzip_bodies_are_marked_and_decode_to_the_same_lines()
    {
        using var client = new InfluxDBClient(new InfluxDBClientOptions { Url = _server.Url, Gzip = true });
        await client.GetWriteApiAsync().WriteRecordsAsync("m v=1i 1\nm v=2i 2", 2, "db");
        var r = Assert.Single(_server.Requests);
        Assert.Equal("gzip", r.Headers["Content-Encoding"]);
        Assert.Equal("m v=1i 1\nm v=2i 2", r.Body);
    }

    [Fact]
    public void Options_that_cannot_authenticate_fail_at_construction()
    {
        var ex = Assert.Throws<ArgumentException>(() => new InfluxDBClient(new InfluxDBClientOptions { Url = _server.Url, AuthScheme = InfluxAuthScheme.Token }));
        Assert.Contains("Token is required", ex.Message);
    }

    [Fact]
    public async Task Ping_of_an_unreachable_server_answers_instead_of_throwing()
    {
        using var client = new InfluxDBClient(new InfluxDBClientOptions { Url = new Uri($"http://127.0.0.1:{FreePort.Next()}/"), Timeout = TimeSpan.FromSeconds(2) });
        var ping = await client.PingAsync();
        Assert.False(ping.Ok);
        Assert.Contains("could not be reached", ping.Error);
    }
}
