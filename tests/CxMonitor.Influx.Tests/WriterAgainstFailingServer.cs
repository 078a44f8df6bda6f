using System.Diagnostics;
using CxMonitor.Influx.Write;
using CxMonitor.Testing;

namespace CxMonitor.Influx.Tests;

/// <summary>Failure paths a real influxd will not produce on demand, against a real HTTP server.</summary>
public class WriterAgainstFailingServer : IAsyncLifetime
{
    private static readonly RetryOptions FastRetry = new() { MaxRetries = 3, FirstDelay = TimeSpan.FromMilliseconds(20), JitterRatio = 0 };
    private HttpStandIn _server = null!;
    private InfluxDBClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await HttpStandIn.StartAsync();
        _client = new InfluxDBClient(new InfluxDBClientOptions { Url = _server.Url });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_503_then_success_is_retried_and_nothing_is_lost_or_reordered()
    {
        _server.Enqueue(new ScriptedResponse(503, """{"error":"overloaded"}"""), new ScriptedResponse(204));
        var writer = _client.GetWriteApi("db", new WriteOptions { BatchSize = 2, Retry = FastRetry });
        for (var i = 0; i < 6; i++)
            await writer.WriteRecordAsync($"m v={i}i {i}");
        await writer.DisposeAsync();

        var bodies = _server.Requests.Select(r => r.Body).ToArray();
        Assert.Equal(["m v=0i 0\nm v=1i 1", "m v=0i 0\nm v=1i 1", "m v=2i 2\nm v=3i 3", "m v=4i 4\nm v=5i 5"], bodies);
        Assert.Equal(6, writer.Counters.PointsWritten);
        Assert.Equal(2, writer.Counters.PointsRetried);
        Assert.Equal(0, writer.Counters.PointsFailed);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        _server.Enqueue(ScriptedResponse.Drop, ScriptedResponse.Drop, new ScriptedResponse(204));
        await _client.GetWriteApiAsync().WriteRecordsAsync("m v=1i 1", 1, "db", retry: FastRetry);
        Assert.Equal(3, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.Equal("m v=1i 1", r.Body));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task Client_errors_are_not_retried_and_carry_the_servers_message(int status)
    {
        _server.Fallback = new ScriptedResponse(status, """{"error":"the server's own words"}""");
        var ex = await Assert.ThrowsAnyAsync<InfluxException>(() =>
            _client.GetWriteApiAsync().WriteRecordsAsync("m v=1i 1", 1, "db", retry: FastRetry));
        Assert.Single(_server.Requests);
        Assert.Contains("the server's own words", ex.Message);
        Assert.Equal(status, (int)ex.StatusCode!);
    }

    [Fact]
    public async Task Retry_after_is_honoured()
    {
        _server.Enqueue(new ScriptedResponse(429, "", new Dictionary<string, string> { ["Retry-After"] = "1" }), new ScriptedResponse(204));
        var watch = Stopwatch.StartNew();
        await _client.GetWriteApiAsync().WriteRecordsAsync("m v=1i 1", 1, "db", retry: FastRetry);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(5));
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task A_batch_that_never_gets_through_is_handed_back_with_its_lines()
    {
        _server.Fallback = new ScriptedResponse(503);
        var failures = new List<WriteFailure>();
        var writer = _client.GetWriteApi("db", new WriteOptions { Retry = FastRetry });
        writer.WriteFailed += failures.Add;
        await writer.WriteRecordAsync("m v=1i 1");
        await writer.FlushAsync();
        await writer.DisposeAsync();

        var failure = Assert.Single(failures);
        Assert.Equal(["m v=1i 1"], failure.Lines);
        Assert.True(failure.Error.IsRetryable);
        Assert.Equal(4, _server.Requests.Count);
        Assert.Equal(1, writer.Counters.PointsFailed);
    }

    [Fact]
    public async Task Writers_wait_when_the_buffer_is_full_instead_of_dropping()
    {
        var gate = new ManualResetEventSlim(false);
        _server.Handler = _ => { gate.Wait(TimeSpan.FromSeconds(10)); return null; };
        var writer = _client.GetWriteApi("db", new WriteOptions { BatchSize = 1, MaxBufferedLines = 2, FlushInterval = TimeSpan.FromMilliseconds(10) });
        await writer.WriteRecordAsync("m v=0i 0");
        await Task.Delay(200); // the first batch is now in flight and blocked
        await writer.WriteRecordAsync("m v=1i 1");
        await writer.WriteRecordAsync("m v=2i 2");
        var blocked = writer.WriteRecordAsync("m v=3i 3").AsTask();
        await Task.Delay(200);
        Assert.False(blocked.IsCompleted, "a full buffer must make the writer wait");
        gate.Set();
        await blocked.WaitAsync(TimeSpan.FromSeconds(10));
        await writer.DisposeAsync();
        Assert.Equal(4, writer.Counters.PointsWritten);
    }

    [Fact]
    public async Task A_partial_batch_is_sent_after_the_flush_interval()
    {
        var writer = _client.GetWriteApi("db", new WriteOptions { FlushInterval = TimeSpan.FromMilliseconds(100) });
        await writer.WriteRecordAsync("m v=1i 1");
        var deadline = Stopwatch.StartNew();
        while (_server.Requests.Count == 0 && deadline.Elapsed < TimeSpan.FromSeconds(5))
            await Task.Delay(10);
        Assert.InRange(deadline.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        await writer.DisposeAsync();
    }
}
