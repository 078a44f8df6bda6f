using System.Net;
using CxMonitor.Influx.Write;
using CxMonitor.Testing;

namespace CxMonitor.Influx.Tests;

/// <summary>The batching writer's loop meets a failure it has no answer for: here the real
/// HttpClient, disposed under it, throws ObjectDisposedException instead of an HTTP error.</summary>
public sealed class WriterLoopFailure : IAsyncLifetime
{
    private HttpStandIn _server = null!;

    public async Task InitializeAsync() => _server = await HttpStandIn.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_writer_whose_loop_fails_fails_the_waiting_flush_and_every_later_call_with_503_instead_of_hanging()
    {
        var client = new InfluxDBClient(new InfluxDBClientOptions { Url = _server.Url });
        var writer = client.GetWriteApi("db", new WriteOptions { BatchSize = 1, MaxBufferedLines = 2, FlushInterval = TimeSpan.FromMilliseconds(10) });
        var reported = new TaskCompletionSource<InfluxException>();
        writer.Faulted += e => reported.TrySetResult(e);
        await writer.WriteRecordAsync("m v=1i 1");
        await writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30));
        client.Dispose();

        await writer.WriteRecordAsync("m v=2i 2");
        var flush = await Assert.ThrowsAsync<InfluxException>(() => writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, flush.StatusCode);
        Assert.IsType<ObjectDisposedException>(flush.InnerException);
        Assert.Same(flush, await reported.Task.WaitAsync(TimeSpan.FromSeconds(30)));

        var later = await Assert.ThrowsAsync<InfluxException>(async () => await writer.WriteRecordAsync("m v=3i 3"));
        Assert.Same(writer.Fault, later);
        await writer.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(_server.Requests);
    }
}
