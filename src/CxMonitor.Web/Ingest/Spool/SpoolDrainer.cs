using System.Net;
using CxMonitor.Core.Retries;
using CxMonitor.Influx;
using CxMonitor.Influx.Write;
using CxMonitor.Web.Data;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Ingest.Spool;

/// <summary>Delivers the spool to InfluxDB in order, in large batches, retrying for as long as
/// InfluxDB is unavailable. Delivery is at least once; a re-sent point overwrites itself.</summary>
public sealed class SpoolDrainer(
    WriteAheadSpool spool,
    InfluxDBClient influx,
    InfluxDatabases databases,
    IOptions<InfluxStorageOptions> storage,
    IOptions<SpoolOptions> options,
    IngestCounters counters,
    ILogger<SpoolDrainer> logger) : BackgroundService
{
    private readonly SpoolReader _reader = new(spool);
    private readonly SpoolOptions _options = options.Value;
    private readonly Backoff _backoff = new()
    {
        First = TimeSpan.FromMilliseconds(100), Max = options.Value.MaxRetryDelay, MaxRetryAfter = options.Value.MaxRetryAfter,
    };
    private static readonly RetryOptions NoRetry = new() { MaxRetries = 0 };
    private readonly DrainLanes _lanes = new(options.Value.DrainParallelism);
    private CancellationTokenSource? _deadline;
    private (byte[] Body, int Length, int Lines)[]? _parts;

    /// <summary>True while the last delivery attempt failed (for readiness and status).</summary>
    public string? LastError { get; private set; }

    /// <summary>Set while the spool cannot be read (a disk error, a segment gone): nothing is
    /// delivered then, so readiness is red until a read succeeds again.</summary>
    public string? SpoolError { get; private set; }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Keep delivering for a short while: what is left stays on disk for the next start.
        _deadline = new CancellationTokenSource(_options.ShutdownDrainTimeout);
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writer = influx.GetWriteApiAsync();
        var database = storage.Value.Database;
        var failures = 0;
        var diskFailures = 0;
        while (true)
        {
            try
            {
                // While all is well, batch after batch with every lane busy; after a failure, one
                // batch at a time from the checkpoint with backoff, as below, until one succeeds.
                if (failures == 0 && diskFailures == 0 && !_reader.HasPending)
                {
                    var (stop, failure) = await DeliverPipelinedAsync(writer, database, stoppingToken).ConfigureAwait(false);
                    if (stop)
                        return;
                    // A write that InfluxDB may take later waits its backoff (and Retry-After)
                    // first; a refused one (4xx) is sent again alone, to be kept aside as before.
                    if (failure is InfluxException { StatusCode: HttpStatusCode.NotFound } missing)
                        databases.Missing(missing.Message);
                    if (failure is OperationCanceledException || failure is InfluxException { IsRetryable: true } || failure is InfluxException { StatusCode: HttpStatusCode.NotFound })
                    {
                        if (await RetryLaterAsync(failure, ++failures, stoppingToken).ConfigureAwait(false))
                            return;
                        continue;
                    }
                }
                var stopping = stoppingToken.IsCancellationRequested;
                var written = spool.NextWrite;
                var batch = _reader.ReadBatch(_options.DrainBatchLines);
                if (diskFailures > 0)
                    logger.LogWarning("The spool is readable again after {Failures} failed reads", diskFailures);
                diskFailures = 0;
                SpoolError = null;
                if (batch is null)
                {
                    if (stopping)
                        return;
                    await NextWriteOrSecond(written, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                if (stopping && (_deadline?.IsCancellationRequested ?? true))
                    return;
                if (await DeliverAsync(writer, batch, database, failures, stoppingToken).ConfigureAwait(false) is not { } next)
                    return;
                failures = next;
                // A small part batch means the backlog is drained: let more lines gather first. A
                // stop cuts the wait short and the loop delivers the rest at once.
                if (next == 0 && _options.LingersAfter(batch.Lines) && !stoppingToken.IsCancellationRequested)
                {
                    counters.Lingered();
                    await Task.Delay(_options.DrainLinger, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Not InfluxDB but our own disk (decision 0015): nothing acknowledged may be skipped,
                // so keep the checkpoint, say so loudly, and try again; the batch is read afresh.
                SpoolError = $"the spool cannot be read: {ex.Message}";
                if (diskFailures++ == 0)
                    logger.LogCritical(ex, "The spool cannot be read; delivery to InfluxDB waits and retries: {Error}", ex.Message);
                if (stoppingToken.IsCancellationRequested)
                    return;
                await WaitAsync(_backoff.DelayAfter(diskFailures, null, Random.Shared), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Delivers batch after batch without a pause between them: the next batch is read and
    /// split while the lanes still write the one before (at most two batches in flight). True when
    /// the app is stopping and done; otherwise a write failed (with its failure) or the spool could
    /// not be read ahead (no failure): nothing is in flight any more then, and the caller goes on
    /// from the checkpoint one batch at a time.</summary>
    private async Task<(bool Stop, Exception? Failure)> DeliverPipelinedAsync(WriteApiAsync writer, string database, CancellationToken stoppingToken)
    {
        const int batchesInFlight = 2;
        var readFrom = _reader.Position;
        var canRead = true;
        // A small part batch means the backlog was drained when it was read: let more lines
        // gather (Ingest:Spool:DrainLinger) until it is stored and the linger has passed, so
        // ratings sent one per request go to InfluxDB hundreds at a time instead of a write each.
        // Larger batches never wait. A stop cuts the wait short.
        var partInFlight = false;
        var lingerUntil = 0L;
        bool Lingering(bool stopping) => !stopping && _options.DrainLinger > TimeSpan.Zero
            && (partInFlight || Environment.TickCount64 < lingerUntil);
        DrainLanes.Write write = (body, lines) =>
            writer.WriteBodyAsync(body, lines, database, null, WritePrecision.Ns, NoRetry, null, _deadline?.Token ?? stoppingToken);
        try
        {
            while (true)
            {
                while (_lanes.Count > 0 && _lanes.Oldest.IsCompleted)
                {
                    if (!_lanes.Oldest.IsCompletedSuccessfully)
                        return (false, _lanes.Oldest.Exception?.InnerException ?? new OperationCanceledException("A write to InfluxDB was cancelled."));
                    var delivered = _lanes.Complete();
                    if (_lanes.Count == 0 && partInFlight)
                    {
                        partInFlight = false;
                        lingerUntil = Environment.TickCount64 + (long)_options.DrainLinger.TotalMilliseconds;
                        if (_options.DrainLinger > TimeSpan.Zero)
                            counters.Lingered();
                    }
                    counters.AddWritten(delivered.Lines);
                    Delivered(delivered);
                    databases.Written();
                    LastError = null;
                }
                var stopping = stoppingToken.IsCancellationRequested;
                if (stopping && (_deadline?.IsCancellationRequested ?? true))
                    return (true, null);
                // Taken before reading, so that a write in between still wakes this loop.
                var written = spool.NextWrite;
                var lingering = Lingering(stopping);
                if (canRead && _lanes.Count < batchesInFlight && !lingering)
                {
                    SpoolBatch? batch;
                    try
                    {
                        batch = _reader.ReadAhead(readFrom, _options.DrainBatchLines);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // Deliver what is in flight; the one-at-a-time path meets the error again
                        // at the checkpoint and reports it (decision 0015).
                        logger.LogDebug(ex, "Reading the spool ahead failed; delivering from the checkpoint one batch at a time");
                        canRead = false;
                        continue;
                    }
                    if (batch is not null)
                    {
                        partInFlight |= _options.LingersAfter(batch.Lines);
                        _lanes.Start(batch, write);
                        readFrom = batch.End;
                        continue;
                    }
                }
                if (_lanes.Count == 0)
                {
                    if (stopping || !canRead)
                        return (stopping, null);
                    if (lingering)
                    {
                        var left = lingerUntil - Environment.TickCount64;
                        if (left > 0)
                            await Task.Delay(TimeSpan.FromMilliseconds(left), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                        continue;
                    }
                    await NextWriteOrSecond(written, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                if (canRead && _lanes.Count < batchesInFlight && !lingering)
                    await Task.WhenAny(_lanes.Oldest, written).ConfigureAwait(false);
                else
                    await Task.WhenAny(_lanes.Oldest).ConfigureAwait(false);
            }
        }
        finally
        {
            await _lanes.AbandonAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One attempt at one batch; the new count of failures in a row, or null to stop.</summary>
    private async Task<int?> DeliverAsync(WriteApiAsync writer, SpoolBatch batch, string database, int failures, CancellationToken stoppingToken)
    {
        try
        {
            await WriteAsync(writer, batch, database, _deadline?.Token ?? stoppingToken).ConfigureAwait(false);
            counters.AddWritten(batch.Lines);
            Delivered(batch);
            databases.Written();
            LastError = null;
            return 0;
        }
        catch (InfluxException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // "database not found": InfluxDB is up but its database is gone or not made yet. The
            // lines are fine; keep them, and have the databases created again.
            databases.Missing(ex.Message);
            return await RetryLaterAsync(ex, failures + 1, stoppingToken).ConfigureAwait(false) ? null : failures + 1;
        }
        catch (InfluxException ex) when (!ex.IsRetryable)
        {
            // 4xx: retrying cannot help. The server stored the valid lines of a partial write;
            // keep the whole batch beside the spool so nothing acknowledged silently vanishes.
            var file = _reader.DeadLetter(batch, ex.Message);
            logger.LogError("InfluxDB refused a batch of {Lines} lines ({Error}); kept in {File}", batch.Lines, ex.Message, file);
            counters.AddFailed(batch.Lines);
            Delivered(batch);
            LastError = ex.Message;
            return 0;
        }
        catch (Exception ex) when (ex is InfluxException or OperationCanceledException)
        {
            return await RetryLaterAsync(ex, failures + 1, stoppingToken).ConfigureAwait(false) ? null : failures + 1;
        }
    }

    /// <summary>Logs the first failure of a run, counts the retry and waits the backoff (at least
    /// what InfluxDB asked for in Retry-After); true when the app is stopping and time is up.</summary>
    private async Task<bool> RetryLaterAsync(Exception ex, int failures, CancellationToken stoppingToken)
    {
        if (stoppingToken.IsCancellationRequested && (_deadline?.IsCancellationRequested ?? true))
            return true;
        LastError = ex.Message;
        counters.DeliveryRetried();
        if (failures == 1)
            logger.LogWarning("InfluxDB is unavailable, keeping {Backlog} lines in the spool: {Error}", spool.BacklogLines, ex.Message);
        await WaitAsync(_backoff.DelayAfter(failures, (ex as InfluxException)?.RetryAfter, Random.Shared), stoppingToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>Until the spool's next write, a second, or the stop, whichever comes first.
    /// WaitAsync drops its timer when the write comes first; a Task.Delay beside the write stayed
    /// armed for its whole second, and under load woke the runtime's timer thread once for every
    /// write (decision 0026, twelfth pass).</summary>
    internal static async Task NextWriteOrSecond(Task written, CancellationToken stoppingToken) =>
        await written.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    private async Task WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _deadline?.Token ?? stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop decides whether time is left.
        }
    }

    /// <summary>Small batches go in one request; larger ones in series-disjoint parts at once. A
    /// retry re-sends every part: a part that did arrive overwrites itself with the same values.</summary>
    private Task WriteAsync(WriteApiAsync writer, SpoolBatch batch, string database, CancellationToken ct)
    {
        var retry = NoRetry;
        if (_options.DrainParallelism == 1 || batch.Lines < 1000)
            return writer.WriteBodyAsync(batch.Body, batch.Lines, database, null, WritePrecision.Ns, retry, null, ct);
        // The parts' buffers are reused: the previous batch's requests have all completed.
        var parts = _parts ??= new (byte[] Body, int Length, int Lines)[_options.DrainParallelism];
        SeriesPartitions.Split(batch, parts);
        return Task.WhenAll(parts.Where(p => p.Lines > 0).Select(p =>
            writer.WriteBodyAsync(p.Body.AsMemory(0, p.Length), p.Lines, database, null, WritePrecision.Ns, retry, null, ct)));
    }

    private void Delivered(SpoolBatch batch)
    {
        spool.Delivered(batch.End, batch.Bytes, batch.Lines, batch.NextAppendedAtMs);
        _reader.Advance(batch);
    }
}
