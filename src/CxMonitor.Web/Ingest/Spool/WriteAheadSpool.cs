using System.Diagnostics;
using System.Threading.Channels;
using CxMonitor.Web.Ingest.Ids;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Ingest.Spool;

/// <summary>Append-only, fsynced log of accepted lines. A request is acknowledged once its
/// record is on disk; the <see cref="SpoolDrainer"/> delivers records to InfluxDB in order.
/// Concurrent appends are group-committed: one write and one fsync for all that are waiting.</summary>
public sealed class WriteAheadSpool : IAsyncDisposable
{
    private readonly SpoolOptions _options;
    private readonly TimeProvider _clock;
    // Synchronous continuations: the only one is the spool thread's blocking wait, so an append
    // wakes that thread itself instead of queueing its wake-up to the thread pool.
    private readonly Channel<Append> _appends = Channel.CreateUnbounded<Append>(new() { SingleReader = true, AllowSynchronousContinuations = true });
    private TaskCompletionSource _nextWrite = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<long, long> _segmentEnds;
    private readonly object _gate = new();
    private readonly Task _loop;
    private readonly ILogger? _logger;
    private readonly List<Append> _batch = [];
    private volatile SpoolUnavailableException? _fault;
    private FileStream _file;
    private SpoolPosition _head;
    private long _backlogBytes;
    private long _backlogLines;
    private long? _oldestAppendedAtMs;
    private long _spooledLines;

    private readonly LedgerJournal? _journal;

    /// <param name="logger">Where a failure of the write loop is reported (critical).</param>
    /// <param name="journal">Keeps the rating ids of a delivered segment before it is deleted.</param>
    public WriteAheadSpool(IOptions<SpoolOptions> options, TimeProvider clock, ILogger<WriteAheadSpool>? logger = null, LedgerJournal? journal = null)
    {
        _logger = logger;
        _journal = journal;
        _options = options.Value;
        _clock = clock;
        Files = new SpoolFiles(_options.Directory ?? throw new InvalidOperationException("Ingest:Spool:Directory is not set."));
        var recovery = Files.Recover();
        Checkpoint = recovery.Checkpoint;
        _segmentEnds = new Dictionary<long, long>(recovery.SegmentEnds);
        _backlogBytes = recovery.BacklogBytes;
        _backlogLines = recovery.BacklogLines;
        _oldestAppendedAtMs = recovery.OldestAppendedAtMs;
        _head = new SpoolPosition(recovery.NextSegment, 0);
        _file = OpenSegment(recovery.NextSegment);
        // Its own thread, not the thread pool's: the loop spends most of its time blocked in
        // fsync, and a pool worker blocked there made the pool add workers that then fought over
        // the cores with the requests (issue 19).
        var loop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _loop = loop.Task;
        Writer = new Thread(() =>
        {
            try
            {
                Run();
                loop.SetResult();
            }
            catch (Exception ex)
            {
                // Only if reporting the failure failed too: kept for DisposeAsync, as the pool's
                // task kept it, rather than taking the process down from a thread of its own.
                loop.SetException(ex);
            }
        }) { IsBackground = true, Name = "CxMonitor spool" };
        Writer.Start();
    }

    /// <summary>The thread that writes and fsyncs; it ends when the spool is disposed or fails.</summary>
    internal Thread Writer { get; }

    internal SpoolFiles Files { get; }

    /// <summary>Where delivery resumes; advanced by the drainer.</summary>
    public SpoolPosition Checkpoint { get; private set; }

    public SpoolPosition Head
    {
        get { lock (_gate) return _head; }
    }

    public long BacklogBytes => Interlocked.Read(ref _backlogBytes);

    public long BacklogLines => Interlocked.Read(ref _backlogLines);

    /// <summary>Set once the write loop has failed: every append is refused from then on, until a
    /// restart recovers the spool from disk (for readiness).</summary>
    public string? Fault => _fault?.Message;

    /// <summary>How long each group commit's write and fsync took, since start.</summary>
    public SpoolSyncTimes SyncTimes { get; } = new();

    /// <summary>Lines made durable since start.</summary>
    public long SpooledLines => Interlocked.Read(ref _spooledLines);

    public TimeSpan? OldestBacklogAge
    {
        get
        {
            lock (_gate)
            {
                return _oldestAppendedAtMs is { } ms && _backlogLines > 0
                    ? _clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(ms)
                    : null;
            }
        }
    }

    /// <summary>Completes once the lines are durable; throws <see cref="SpoolFullException"/>
    /// when the backlog is over budget (nothing is written then).</summary>
    /// <param name="ratings">The ledger's entries of the ratings among the lines, for the id
    /// journal (empty: the lines hold no rating; null: not known, the journal reads them back).</param>
    public Task AppendAsync(ReadOnlyMemory<byte> payload, int lineCount, IReadOnlyList<LedgerEntry>? ratings = null)
    {
        var append = new Append(payload, lineCount, ratings, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_appends.Writer.TryWrite(append))
            return Task.FromException(_fault ?? new SpoolUnavailableException("The spool is shut down: the app is stopping.", null));
        return append.Done.Task;
    }

    /// <summary>Completes when something new is durable. Take it before reading what is there, so
    /// that a write in between still wakes the reader (a semaphore released once per write kept
    /// a count that a waiter given up on in favour of another event could swallow).</summary>
    internal Task NextWrite => Volatile.Read(ref _nextWrite).Task;

    internal long SegmentEnd(long segment)
    {
        lock (_gate)
        {
            if (segment == _head.Segment)
                return _head.Offset;
            return _segmentEnds.TryGetValue(segment, out var end) ? end : 0;
        }
    }

    /// <summary>Called by the drainer after delivery; deletes segments it has left behind.</summary>
    internal void Delivered(SpoolPosition upTo, long bytes, int lines, long? nextOldestAppendedAtMs)
    {
        Files.WriteCheckpoint(upTo);
        lock (_gate)
        {
            Checkpoint = upTo;
            _backlogBytes -= bytes;
            _backlogLines -= lines;
            _oldestAppendedAtMs = nextOldestAppendedAtMs ?? (_backlogLines > 0 ? _clock.GetUtcNow().ToUnixTimeMilliseconds() : null);
            foreach (var s in _segmentEnds.Keys.Where(s => s < upTo.Segment).ToList())
                _segmentEnds.Remove(s);
        }
        Files.DeleteSegmentsBefore(upTo.Segment, _journal is null ? null : s => _journal.Retire(Files, s));
    }

    public async ValueTask DisposeAsync()
    {
        _appends.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Any failure the loop does not handle itself stops the spool for good rather than
    /// leaving appends waiting forever: the waiting and all later requests get 503, the log a
    /// critical entry, readiness a red light (decision 0015).</summary>
    private void Run()
    {
        try
        {
            WriteLoop();
        }
        catch (Exception ex)
        {
            _fault = new SpoolUnavailableException($"The spool stopped accepting ratings and reviews after a failure ({ex.GetType().Name}: {ex.Message}); restart the app once the disk is fixed.", ex);
            _logger?.LogCritical(ex, "The write-ahead spool in {Directory} failed and accepts nothing more until a restart", Files.Directory);
            _appends.Writer.TryComplete(_fault);
            foreach (var a in _batch)
                a.Done.TrySetException(_fault);
            while (_appends.Reader.TryRead(out var waiting))
                waiting.Done.TrySetException(_fault);
        }
    }

    private void WriteLoop()
    {
        var batch = _batch;
        var header = new byte[SpoolRecord.HeaderSize];
        // Blocks this thread (the spool's own) until an append comes or the writer is completed.
        while (_appends.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < 4096 && _appends.Reader.TryRead(out var a))
                batch.Add(a);
            var written = new List<Append>(batch.Count);
            long bytes = 0, lines = 0;
            var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
            try
            {
                foreach (var a in batch)
                {
                    var size = SpoolRecord.HeaderSize + a.Payload.Length;
                    if (BacklogBytes + bytes + size > _options.DiskBudgetBytes)
                    {
                        a.Done.TrySetException(new SpoolFullException(BacklogBytes + bytes, _options.DiskBudgetBytes));
                        continue;
                    }
                    SpoolRecord.WriteHeader(header, a.Payload.Span, now, a.LineCount);
                    _file.Write(header);
                    _file.Write(a.Payload.Span);
                    bytes += size;
                    lines += a.LineCount;
                    written.Add(a);
                }
                var syncStarted = Stopwatch.GetTimestamp();
                _file.Flush(flushToDisk: _options.Fsync);
                SyncTimes.Add(Stopwatch.GetElapsedTime(syncStarted));
                foreach (var a in written)
                    _journal?.Spooled(_head.Segment, a.Ratings);
            }
            catch (IOException ex)
            {
                // The disk refused this write (full, failing); later ones may succeed in a new segment.
                // The whole group: the append that failed and those after it were never written either
                // (failing only the written ones left those waiting forever).
                var refused = new SpoolUnavailableException($"The spool could not write to disk: {ex.Message}", ex);
                foreach (var a in batch)
                    a.Done.TrySetException(refused);
                // What is on disk of this segment now is for the journal to read, as after a restart.
                _journal?.Unknown(_head.Segment);
                // Cut what may be half written, so later records are not hidden behind garbage.
                try
                {
                    _file.SetLength(_head.Offset);
                }
                catch (IOException)
                {
                    // The segment ends at the last good record for recovery anyway (CRC check).
                }
                Rotate();
                continue;
            }
            lock (_gate)
            {
                _head = new SpoolPosition(_head.Segment, _head.Offset + bytes);
                _backlogBytes += bytes;
                _backlogLines += lines;
                if (lines > 0)
                    _oldestAppendedAtMs ??= now;
            }
            Interlocked.Add(ref _spooledLines, lines);
            foreach (var a in written)
                a.Done.TrySetResult();
            if (written.Count > 0)
                Interlocked.Exchange(ref _nextWrite, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            if (_head.Offset >= _options.SegmentBytes)
                Rotate();
        }
    }

    private void Rotate()
    {
        try
        {
            _file.Dispose();
        }
        catch (IOException)
        {
            // Closing flushes the buffer, which after a refused write still holds the refused
            // bytes: the disk says no again. Everything acknowledged was flushed before its answer.
        }
        lock (_gate)
        {
            _segmentEnds[_head.Segment] = _head.Offset;
            _head = new SpoolPosition(_head.Segment + 1, 0);
        }
        _file = OpenSegment(_head.Segment);
    }

    private FileStream OpenSegment(long segment)
    {
        var file = new FileStream(Files.SegmentPath(segment), FileMode.Append, FileAccess.Write, FileShare.Read | FileShare.Delete, 1 << 16);
        _journal?.Opened(segment);
        return file;
    }

    private readonly record struct Append(ReadOnlyMemory<byte> Payload, int LineCount, IReadOnlyList<LedgerEntry>? Ratings, TaskCompletionSource Done);
}
