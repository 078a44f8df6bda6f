using System.Buffers;

namespace CxMonitor.Web.Ingest;

/// <summary>A request body read into pooled memory, returned when the request ends. A batch of
/// 1,000 ratings is some 200 KB: read into a growing MemoryStream it was several large-object
/// allocations per request, and with them the full garbage collections (issue 19).</summary>
internal sealed class PooledBody : IDisposable
{
    private byte[] _buffer;
    private int _length;

    private PooledBody(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
    }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    /// <param name="contentLength">Sizes the buffer when known; the body may still be shorter or
    /// (chunked) of any length up to the endpoint's body limit.</param>
    public static async Task<PooledBody> ReadAsync(Stream body, long? contentLength, CancellationToken ct)
    {
        var pooled = new PooledBody((int)Math.Clamp((contentLength ?? 0) + 1, 4096, 1 << 24));
        try
        {
            while (true)
            {
                if (pooled._length == pooled._buffer.Length)
                    pooled.Grow();
                var read = await body.ReadAsync(pooled._buffer.AsMemory(pooled._length), ct);
                if (read == 0)
                    return pooled;
                pooled._length += read;
            }
        }
        catch
        {
            pooled.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(buffer);
    }

    private void Grow()
    {
        var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
