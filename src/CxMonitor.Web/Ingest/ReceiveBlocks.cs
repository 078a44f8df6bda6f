using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace CxMonitor.Web.Ingest;

/// <summary>The memory Kestrel's connections receive into and write responses from, in 64 KB
/// blocks instead of Kestrel's 4 KB ones. A socket read fills at most one block, so a batch of
/// 1,000 ratings (some 200 KB) took about 45 reads, each handed to the request's reader on a
/// thread-pool thread; with 64 KB blocks it takes a handful (decision 0026, twelfth pass).
/// Idle connections hold no block: Kestrel waits for data before it rents one.</summary>
internal sealed class ReceiveBlocks : MemoryPool<byte>
{
    /// <summary>What one loopback segment carries at most, so one read can take all that arrived.</summary>
    public const int BlockSize = 64 * 1024;

    /// <summary>Free blocks kept for reuse; more than this many go back to the garbage collector,
    /// so a burst of connections does not hold its memory afterwards.</summary>
    public const int KeptFree = 128;

    private readonly System.Collections.Concurrent.ConcurrentQueue<byte[]> _free = new();
    private int _freeCount;

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        if (_free.TryDequeue(out var block))
            Interlocked.Decrement(ref _freeCount);
        else
            // Pinned, as Kestrel's own blocks are: sockets may hand the memory to the kernel.
            block = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);
        return new Lease(this, block);
    }

    protected override void Dispose(bool disposing)
    {
        while (_free.TryDequeue(out _))
        {
        }
    }

    private void Return(byte[] block)
    {
        if (Interlocked.Increment(ref _freeCount) <= KeptFree)
            _free.Enqueue(block);
        else
            Interlocked.Decrement(ref _freeCount);
    }

    /// <summary>One rental of a block. A lease of its own each time, so that a late or second
    /// Dispose of an old lease cannot return a block that someone else holds by then.</summary>
    private sealed class Lease(ReceiveBlocks pool, byte[] block) : IMemoryOwner<byte>
    {
        private byte[]? _block = block;

        public Memory<byte> Memory => Volatile.Read(ref _block) ?? throw new ObjectDisposedException(nameof(ReceiveBlocks), "A receive block was used after it was returned.");

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _block, null) is { } returned)
                pool.Return(returned);
        }
    }

    /// <summary>Kestrel's sockets ask the container for the factory of their memory pools.</summary>
    internal sealed class Factory : IMemoryPoolFactory<byte>
    {
        public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new ReceiveBlocks();
    }
}
