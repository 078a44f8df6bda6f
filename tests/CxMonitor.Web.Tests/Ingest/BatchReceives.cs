using System.Buffers;
using CxMonitor.Web.Ingest;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>Kestrel's sockets read into 64 KB blocks: a batch of 1,000 ratings took some 45 reads
/// of 4 KB and now takes about 8 (counted with perf's syscall tracepoints under the ingest
/// benchmark; decision 0026, twelfth pass). The count needs perf and a load, so here the host's
/// wiring is checked, and the pool is attacked on its own.</summary>
public class BatchReceives(SharedApp shared) : IClassFixture<SharedApp>
{
    [Fact]
    public void Kestrel_reads_into_receive_blocks_and_an_idle_connection_holds_none()
    {
        var factory = shared.App.Services.GetRequiredService<IMemoryPoolFactory<byte>>();
        using var pool = factory.Create();
        Assert.IsType<ReceiveBlocks>(pool);
        Assert.Equal(ReceiveBlocks.BlockSize, pool.MaxBufferSize);
        // Kestrel rents a block only once data has arrived; without that wait every open
        // connection, idle ones included, would hold 64 KB.
        Assert.True(shared.App.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.WaitForDataBeforeAllocatingBuffer);
    }

    [Fact]
    public void A_block_is_64_KB_whatever_is_asked_and_more_cannot_be_asked()
    {
        using var pool = new ReceiveBlocks();
        using var small = pool.Rent(1);
        using var any = pool.Rent();
        Assert.Equal(ReceiveBlocks.BlockSize, small.Memory.Length);
        Assert.Equal(ReceiveBlocks.BlockSize, any.Memory.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(ReceiveBlocks.BlockSize + 1));
    }

    [Fact]
    public void A_block_returned_twice_goes_to_one_renter_only()
    {
        using var pool = new ReceiveBlocks();
        var block = pool.Rent();
        block.Dispose();
        block.Dispose();
        Assert.Throws<ObjectDisposedException>(() => block.Memory);
        using var first = pool.Rent();
        // A late Dispose of the old lease, after its block went to someone else.
        block.Dispose();
        using var second = pool.Rent();
        Assert.False(first.Memory.Span.Overlaps(second.Memory.Span));
    }

    [Fact]
    public async Task Twenty_renters_at_once_never_share_a_block()
    {
        using var pool = new ReceiveBlocks();
        var shared = 0;
        await Task.WhenAll(Enumerable.Range(1, 20).Select(renter => Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                using var block = pool.Rent();
                block.Memory.Span.Fill((byte)renter);
                await Task.Yield();
                if (block.Memory.Span.IndexOfAnyExcept((byte)renter) >= 0)
                    Interlocked.Increment(ref shared);
            }
        })));
        Assert.Equal(0, shared);
    }

    [Fact]
    public void Blocks_beyond_those_kept_free_are_left_to_the_garbage_collector()
    {
        using var pool = new ReceiveBlocks();
        var rented = Enumerable.Range(0, ReceiveBlocks.KeptFree + 50).Select(_ => pool.Rent()).ToList();
        var arrays = rented.Select(b => b.Memory).ToList();
        rented.ForEach(b => b.Dispose());
        // Renting as many again reuses only the kept ones; the rest are new.
        var again = Enumerable.Range(0, ReceiveBlocks.KeptFree + 50).Select(_ => pool.Rent()).ToList();
        var reused = again.Count(b => arrays.Any(a => a.Span.Overlaps(b.Memory.Span)));
        Assert.Equal(ReceiveBlocks.KeptFree, reused);
        again.ForEach(b => b.Dispose());
    }
}
