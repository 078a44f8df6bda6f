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
                var stopping = stoppingToken.IsCancellationRequested;
                var batch = _reader.ReadBatch(_options.DrainBatchLines);
                if (diskFailures > 0)
                    logger.LogWarning("The spool is readable again after {Failures} failed reads", diskFailures);
                diskFailures = 0;
                SpoolError = null;
                if (batch is null)
                {
                    if (stopping)
                        return;
                    await spool.WaitForWriteAsync(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
                    continue;
                }
                if (stopping && (_deadline?.IsCancellationRequested ?? true))
                    return;
                if (await DeliverAsync(writer, batch, database, failures, stoppingToken).ConfigureAwait(false) is not { } next)
                    return;
                failures = next;
                // A part batch means the backlog is drained: let more lines gather first. A stop
                // cuts the wait short and the loop delivers the rest at once.
                if (next == 0 && batch.Lines < _options.DrainBatchLines && _options.DrainLinger > TimeSpan.Zero && !stoppingToken.IsCancellationRequested)
                    await Task.Delay(_options.DrainLinger, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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
        var retry = new RetryOptions { MaxRetries = 0 };
        if (_options.DrainParallelism == 1 || batch.Lines < 1000)
            return writer.WriteBodyAsync(batch.Body, batch.Lines, database, null, WritePrecision.Ns, retry, null, ct);
        // The parts' buffers are reused: the previous batch's requests have all completed.
        var parts = _parts ??= new (byte[] Body, int Length, int Lines)[_options.DrainParallelism];
        SeriesPartitions.Split(batch.Body.Span, parts);
        return Task.WhenAll(parts.Where(p => p.Lines > 0).Select(p =>
            writer.WriteBodyAsync(p.Body.AsMemory(0, p.Length), p.Lines, database, null, WritePrecision.Ns, retry, null, ct)));
    }

    private void Delivered(SpoolBatch batch)
    {
        spool.Delivered(batch.End, batch.Bytes, batch.Lines, batch.NextAppendedAtMs);
        _reader.Advance(batch);
    }
}
