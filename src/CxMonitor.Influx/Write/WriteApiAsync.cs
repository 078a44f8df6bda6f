using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace CxMonitor.Influx.Write;

/// <summary>Writes one body of line protocol per call, with retries; the caller awaits the
/// outcome. <see cref="WriteApi"/> batches on top of this.</summary>
public sealed class WriteApiAsync
{
    private static readonly MediaTypeHeaderValue PlainText = new("text/plain") { CharSet = "utf-8" };
    private readonly InfluxTransport _transport;

    internal WriteApiAsync(InfluxTransport transport)
    {
        _transport = transport;
    }

    public Task WritePointsAsync(IEnumerable<PointData> points, string database, string? retentionPolicy = null, CancellationToken ct = default)
    {
        var sb = new StringBuilder();
        var count = 0;
        WritePrecision? precision = null;
        foreach (var point in points)
        {
            if (point.TimestampValue is not null)
            {
                if (precision is { } p && p != point.Precision)
                    throw new LineProtocolException("points of one write must share one timestamp precision.");
                precision = point.Precision;
            }
            if (count++ > 0)
                sb.Append('\n');
            point.AppendTo(sb);
        }
        return count == 0 ? Task.CompletedTask : WriteRecordsAsync(sb.ToString(), count, database, retentionPolicy, null, ct, null, precision ?? WritePrecision.Ms);
    }

    /// <summary>Writes lines that are already encoded (one per line, <c>\n</c> separated).
    /// <paramref name="lineCount"/> is used only in error reports; a null
    /// <paramref name="retry"/> uses the default policy.</summary>
    public async Task WriteRecordsAsync(
        string lines,
        int lineCount,
        string database,
        string? retentionPolicy = null,
        RetryOptions? retry = null,
        CancellationToken ct = default,
        Action<InfluxException>? onRetry = null,
        WritePrecision precision = WritePrecision.Ms)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        var body = Encoding.UTF8.GetBytes(lines);
        await WriteBodyAsync(body, lineCount, database, retentionPolicy, precision, retry ?? new RetryOptions(), onRetry, ct).ConfigureAwait(false);
    }

    /// <summary>Writes a body of encoded lines as is (a spool hands over what it stored); the
    /// buffer must stay unchanged until the task completes.</summary>
    public async Task WriteBodyAsync(
        ReadOnlyMemory<byte> body, int lineCount, string database, string? retentionPolicy, WritePrecision precision, RetryOptions retry, Action<InfluxException>? onRetry, CancellationToken ct)
    {
        var path = $"write?db={Uri.EscapeDataString(database)}"
            + (precision == WritePrecision.Ms ? "&precision=ms" : string.Empty)
            + (retentionPolicy is null ? string.Empty : $"&rp={Uri.EscapeDataString(retentionPolicy)}");
        var uri = _transport.Address(path);
        var gzip = _transport.Options.Gzip;
        var payload = gzip ? Compress(body.Span) : body;
        var (status, responseBody, _) = await _transport.SendAsync(
            () =>
            {
                var content = new ReadOnlyMemoryContent(payload);
                content.Headers.ContentType = PlainText;
                if (gzip)
                    content.Headers.ContentEncoding.Add("gzip");
                return new HttpRequestMessage(HttpMethod.Post, uri) { Content = content };
            },
            retry,
            onRetry,
            ct).ConfigureAwait(false);
        if ((int)status is >= 200 and < 300)
            return;
        var message = InfluxTransport.ErrorText(status, responseBody);
        // 1.x and 3 Core answer 400 and 2.x 422 for rejected lines, and store the valid rest.
        if (status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity && lineCount > 0)
            throw new InfluxPartialWriteException(message, status, lineCount);
        throw new InfluxException(message, status);
    }

    private static ReadOnlyMemory<byte> Compress(ReadOnlySpan<byte> body)
    {
        using var buffer = new MemoryStream(body.Length / 4 + 64);
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            gz.Write(body);
        return buffer.ToArray();
    }
}
