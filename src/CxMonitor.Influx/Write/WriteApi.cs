using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace CxMonitor.Influx.Write;

/// <summary>Batches points in the background: flushes at <see cref="WriteOptions.BatchSize"/>
/// lines or after <see cref="WriteOptions.FlushInterval"/>, one request at a time so batches
/// arrive in the order written, and makes writers wait when the buffer is full.</summary>
public sealed partial class WriteApi : IAsyncDisposable
{
    private readonly WriteApiAsync _sender;
    private readonly string _database;
    private readonly WriteOptions _options;
    private readonly Channel<Item> _channel;
    private readonly Task _loop;
    private readonly List<TaskCompletionSource> _flushes = [];
    private volatile InfluxException? _fault;

    internal WriteApi(WriteApiAsync sender, string database, WriteOptions options)
    {
        options.Validate();
        ArgumentException.ThrowIfNullOrEmpty(database);
        _sender = sender;
        _database = database;
        _options = options;
        _channel = Channel.CreateBounded<Item>(new BoundedChannelOptions(options.MaxBufferedLines)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    public WriteCounters Counters { get; } = new();

    /// <summary>Raised on the writer's thread for a batch that was not (fully) stored.</summary>
    public event Action<WriteFailure>? WriteFailed;

    /// <summary>Raised on the writer's thread after a batch is stored, with its line count.</summary>
    public event Action<int>? BatchWritten;

    /// <summary>Raised once if the writer stops on an unexpected failure (a bug, a disposed client);
    /// subscribers should log it at critical level. Every waiting and later call fails from then on
    /// with <see cref="Fault"/> rather than waiting forever.</summary>
    public event Action<InfluxException>? Faulted;

    /// <summary>Null while the writer runs; otherwise why it stopped (status 503).</summary>
    public InfluxException? Fault => _fault;

    /// <summary>Encodes now (so a bad point fails here, in the caller) and waits while the buffer is full.</summary>
    public ValueTask WritePointAsync(PointData point, CancellationToken ct = default)
    {
        if (point.TimestampValue is not null && point.Precision != _options.Precision)
            throw new LineProtocolException($"point precision {point.Precision} differs from the writer's {_options.Precision}.");
        return WriteRecordAsync(point.ToLineProtocol(), ct);
    }

    /// <summary>A write racing the writer's failure may see a ChannelClosedException holding <see cref="Fault"/>.</summary>
    public ValueTask WriteRecordAsync(string line, CancellationToken ct = default) =>
        _fault is { } fault ? ValueTask.FromException(fault) : _channel.Writer.WriteAsync(new Item(line, null), ct);

    /// <summary>Completes once every line written before the call is stored or reported failed.</summary>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_fault is { } fault)
            throw fault;
        await _channel.Writer.WriteAsync(new Item(null, done), ct).ConfigureAwait(false);
        await done.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Sends everything still buffered (with retries) and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        try
        {
            await BatchLoopAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var fault = new InfluxException(
                $"The batching writer for {_database} stopped after an unexpected failure ({ex.GetType().Name}: {ex.Message}); nothing more is written.",
                System.Net.HttpStatusCode.ServiceUnavailable, ex);
            _fault = fault;
            Trace.TraceError(fault.ToString());
            _channel.Writer.TryComplete(fault);
            var lost = 0;
            foreach (var flush in _flushes)
                flush.TrySetException(fault);
            while (_channel.Reader.TryRead(out var item))
            {
                if (item.Flush is { } flush)
                    flush.TrySetException(fault);
                else
                    lost++;
            }
            Counters.Failed(lost);
            Notify(() => Faulted?.Invoke(fault));
        }
    }

    private async Task BatchLoopAsync()
    {
        var reader = _channel.Reader;
        var lines = new List<string>(_options.BatchSize);
        var flushes = _flushes;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(_options.FlushInterval.TotalSeconds * Stopwatch.Frequency);
            while (lines.Count < _options.BatchSize && flushes.Count == 0)
            {
                if (reader.TryRead(out var item))
                {
                    if (item.Line is not null)
                        lines.Add(item.Line);
                    else
                        flushes.Add(item.Flush!);
                    continue;
                }
                var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                if (remaining <= TimeSpan.Zero || !await WaitAsync(reader, remaining).ConfigureAwait(false))
                    break;
            }
            if (lines.Count > 0)
                await SendAsync(lines).ConfigureAwait(false);
            lines.Clear();
            foreach (var flush in flushes)
                flush.TrySetResult();
            flushes.Clear();
        }
    }

    private static async Task<bool> WaitAsync(ChannelReader<Item> reader, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await reader.WaitToReadAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task SendAsync(List<string> lines)
    {
        // Encode straight into one UTF-8 buffer: no intermediate joined string.
        var size = lines.Count;
        foreach (var line in lines)
            size += Encoding.UTF8.GetMaxByteCount(line.Length);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(size);
        var length = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
                buffer[length++] = (byte)'\n';
            length += Encoding.UTF8.GetBytes(lines[i], buffer.AsSpan(length));
        }
        var body = buffer.AsMemory(0, length);
        var count = lines.Count;
        try
        {
            await _sender.WriteBodyAsync(
                body, count, _database, _options.RetentionPolicy, _options.Precision, _options.Retry,
                _ => Counters.Retried(count), CancellationToken.None).ConfigureAwait(false);
            Counters.Written(count);
            Notify(() => BatchWritten?.Invoke(count));
        }
        catch (InfluxPartialWriteException partial)
        {
            var dropped = DroppedCount(partial.Message) ?? count;
            Counters.Written(count - dropped);
            Counters.Failed(dropped);
            var failure = new WriteFailure(lines.ToArray(), partial);
            Notify(() => WriteFailed?.Invoke(failure));
        }
        catch (InfluxException ex)
        {
            Counters.Failed(count);
            var failure = new WriteFailure(lines.ToArray(), ex);
            Notify(() => WriteFailed?.Invoke(failure));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A throwing subscriber must not stop the writer: every later write would hang.</summary>
    private static void Notify(Action raise)
    {
        try
        {
            raise();
        }
        catch (Exception ex)
        {
            Trace.TraceError($"A WriteApi event handler threw: {ex}");
        }
    }

    /// <summary>1.x reports how many lines it dropped ("dropped=2"); other servers may not.</summary>
    private static int? DroppedCount(string message)
    {
        var match = DroppedPattern().Match(message);
        return match.Success && int.TryParse(match.Groups[1].Value, out var n) ? n : null;
    }

    [GeneratedRegex(@"dropped=(\d+)")]
    private static partial Regex DroppedPattern();

    private readonly record struct Item(string? Line, TaskCompletionSource? Flush);
}
