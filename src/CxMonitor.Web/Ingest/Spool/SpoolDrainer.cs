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
    IOptions<InfluxStorageOptions> storage,
    IOptions<SpoolOptions> options,
    IngestCounters counters,
    ILogger<SpoolDrainer> logger) : BackgroundService
{
    private readonly SpoolReader _reader = new(spool);
    private readonly SpoolOptions _options = options.Value;
    private CancellationTokenSource? _deadline;

    /// <summary>True while the last delivery attempt failed (for readiness and status).</summary>
    public string? LastError { get; private set; }

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
        var attempt = 0;
        while (true)
        {
            var stopping = stoppingToken.IsCancellationRequested;
            var batch = _reader.ReadBatch(_options.DrainBatchLines);
            if (batch is null)
            {
                if (stopping)
                    return;
                await spool.WaitForWriteAsync(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
                continue;
            }
            if (stopping && (_deadline?.IsCancellationRequested ?? true))
                return;
            try
            {
                await WriteAsync(writer, batch, database, _deadline?.Token ?? stoppingToken).ConfigureAwait(false);
                counters.AddWritten(batch.Lines);
                Delivered(batch);
                attempt = 0;
                LastError = null;
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
            }
            catch (Exception ex) when (ex is InfluxException or OperationCanceledException)
            {
                if (stoppingToken.IsCancellationRequested && (_deadline?.IsCancellationRequested ?? true))
                    return;
                LastError = ex.Message;
                counters.DeliveryRetried();
                if (attempt++ == 0)
                    logger.LogWarning("InfluxDB is unavailable, keeping {Backlog} lines in the spool: {Error}", spool.BacklogLines, ex.Message);
                var delay = TimeSpan.FromMilliseconds(Math.Min(_options.MaxRetryDelay.TotalMilliseconds, 50 * Math.Pow(2, Math.Min(attempt, 16))));
                delay *= 1 + (Random.Shared.NextDouble() * 0.25);
                try
                {
                    await Task.Delay(delay, _deadline?.Token ?? stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: the loop decides whether time is left.
                }
            }
        }
    }

    /// <summary>Small batches go in one request; larger ones in series-disjoint parts at once. A
    /// retry re-sends every part: a part that did arrive overwrites itself with the same values.</summary>
    private Task WriteAsync(WriteApiAsync writer, SpoolBatch batch, string database, CancellationToken ct)
    {
        var retry = new RetryOptions { MaxRetries = 0 };
        if (_options.DrainParallelism == 1 || batch.Lines < 1000)
            return writer.WriteBodyAsync(batch.Body, batch.Lines, database, null, WritePrecision.Ns, retry, null, ct);
        var parts = SeriesPartitions.Split(batch.Body.Span, _options.DrainParallelism);
        return Task.WhenAll(parts.Where(p => p.Lines > 0).Select(p =>
            writer.WriteBodyAsync(p.Body.AsMemory(0, p.Length), p.Lines, database, null, WritePrecision.Ns, retry, null, ct)));
    }

    private void Delivered(SpoolBatch batch)
    {
        spool.Delivered(batch.End, batch.Bytes, batch.Lines, batch.NextAppendedAtMs);
        _reader.Advance(batch);
    }
}
