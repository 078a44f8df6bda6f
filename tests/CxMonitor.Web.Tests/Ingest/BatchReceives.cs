using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>Kestrel's sockets receive without a zero-byte receive before each real one: that
/// halved the receive calls of a 1,000-rating batch (counted with perf's syscall tracepoints under
/// the ingest benchmark; decision 0026, eleventh pass). The count needs perf and a load, so here
/// the setting itself is checked, as the app's host resolves it.</summary>
public class BatchReceives(SharedApp shared) : IClassFixture<SharedApp>
{
    [Fact]
    public void Kestrel_receives_a_batch_without_waiting_for_data_before_each_read()
    {
        var options = shared.App.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value;
        Assert.False(options.WaitForDataBeforeAllocatingBuffer);
    }
}
