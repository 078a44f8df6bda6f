using CxMonitor.Influx.Query;
using CxMonitor.Testing;

namespace CxMonitor.Influx.Tests;

/// <summary>A read that meets a 503 is tried again as many times as <c>ReadRetries</c> says, and
/// no more; a statement that changes state is never retried by the query API.</summary>
public class ReadRetriesAgainstFailingServer : IAsyncLifetime
{
    private HttpStandIn _server = null!;

    public async Task InitializeAsync() => _server = await HttpStandIn.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_failing_read_is_sent_once_plus_its_retries(int retries)
    {
        _server.Fallback = new ScriptedResponse(503, """{"error":"busy"}""");
        using var client = new InfluxDBClient(new InfluxDBClientOptions { Url = _server.Url, ReadRetries = retries });

        await Assert.ThrowsAnyAsync<InfluxException>(() => client.GetQueryApi().QueryAsync(new InfluxQuery("SELECT * FROM rating"), "db"));

        Assert.Equal(1 + retries, _server.Requests.Count);
    }

    [Fact]
    public async Task A_read_that_succeeds_on_its_retry_answers_and_a_write_statement_is_sent_once()
    {
        _server.Enqueue(new ScriptedResponse(503, """{"error":"busy"}"""), new ScriptedResponse(200, """{"results":[{"statement_id":0}]}"""));
        using var client = new InfluxDBClient(new InfluxDBClientOptions { Url = _server.Url, ReadRetries = 1 });
        Assert.Single(await client.GetQueryApi().QueryAsync(new InfluxQuery("SHOW DATABASES"), null));
        Assert.Equal(2, _server.Requests.Count);

        _server.Fallback = new ScriptedResponse(503, """{"error":"busy"}""");
        await Assert.ThrowsAnyAsync<InfluxException>(() => client.GetQueryApi().QueryAsync(new InfluxQuery("CREATE DATABASE x"), null));
        Assert.Equal(3, _server.Requests.Count);
    }

    [Fact]
    public void Negative_retries_are_refused_naming_the_setting() =>
        Assert.Equal("ReadRetries", Assert.Throws<ArgumentException>(() => new InfluxDBClientOptions { Url = new Uri("http://127.0.0.1:1/"), ReadRetries = -1 }.Validate()).ParamName);
}
