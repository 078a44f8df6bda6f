using Microsoft.AspNetCore.Http.Features;

namespace CxMonitor.Web.Access;

/// <summary>Enforces <see cref="BodyLimitMetadata"/> with the same 413 problem details on Kestrel
/// and TestServer: a declared Content-Length over the limit is refused before anything is read;
/// a body of unknown length (chunked) is counted as it is read.</summary>
internal sealed class BodyLimitMiddleware(RequestDelegate next)
{
    // Not async where nothing is left to watch: a request whose declared length is within the
    // limit cannot bring more (the server holds it to Content-Length), so it passes without a
    // state machine of its own; every single rating is such a request (issue 19).
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<BodyLimitMetadata>() is not { } limit)
            return next(context);
        if (context.Request.ContentLength > limit.Bytes)
            return TooLargeAsync(context, limit.Bytes);
        if (context.Request.ContentLength is not null)
            return next(context);
        return CountedAsync(context, limit);
    }

    private async Task CountedAsync(HttpContext context, BodyLimitMetadata limit)
    {
        // A body of unknown length is counted instead. Kestrel's own limit (set by routing
        // from the metadata) is lifted: it would fail first, minimal APIs catch its exception
        // while binding, and the client would get a bare 413 with no word of the limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
            serverLimit.MaxRequestBodySize = null;
        context.Request.Body = new BodyLimitStream(context.Request.Body, limit.Bytes);
        try
        {
            await next(context);
        }
        catch (BodyTooLargeException) when (!context.Response.HasStarted)
        {
            await TooLargeAsync(context, limit.Bytes);
        }
    }

    private static Task TooLargeAsync(HttpContext context, long bytes) =>
        AccessProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
            $"The request body is larger than this endpoint's limit of {BodyLimit.Describe(bytes)} ({bytes} bytes).",
            new Dictionary<string, object?> { ["limitBytes"] = bytes });
}

/// <summary>Not an IOException on purpose: minimal APIs catch IOExceptions while binding the body,
/// so this middleware would never see it.</summary>
internal sealed class BodyTooLargeException(long limit) : Exception($"The request body exceeds {limit} bytes.");

/// <summary>Counts the bytes read through it and throws once more than the limit arrived.</summary>
internal sealed class BodyLimitStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw new BodyTooLargeException(limit) : read;
    }
}
