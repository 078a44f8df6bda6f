using System.Diagnostics;
using CxMonitor.Influx;
using CxMonitor.Influx.Query;
using CxMonitor.Web.Data;
using CxMonitor.Web.Ingest.Spool;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Ingest.Ids;

/// <summary>Loads the ledger before the server takes its first request, so a resend right after
/// a crash is answered as the duplicate it is. On a new state folder it first settles the
/// horizon: nothing is forgotten if InfluxDB holds no ratings yet; otherwise whatever came
/// before now is unknown, and back-fills older than now are checked against InfluxDB.</summary>
public sealed class LedgerWarmup(
    RatingLedger ledger, LedgerJournal journal, WriteAheadSpool spool, InfluxDBClient influx,
    IOptions<InfluxStorageOptions> storage, TimeProvider clock, ILogger<LedgerWarmup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (!journal.Exists(spool.Files))
            journal.StartHorizon(await InfluxHoldsRatingsAsync(cancellationToken) ? now : null);
        var loaded = journal.LoadInto(ledger, spool.Files, now);
        logger.LogInformation("Remembered {Count} rating ids from the spool and its id journal in {Ms} ms", loaded, watch.ElapsedMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<bool> InfluxHoldsRatingsAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            var rows = await influx.GetQueryApi().QuerySeriesAsync(
                new InfluxQuery($"SELECT score FROM {RatingPoints.Measurement} LIMIT 1"), storage.Value.Database, timeout.Token);
            return rows.Count > 0;
        }
        catch (InfluxQueryException ex) when (ex.Message.Contains("database not found", StringComparison.Ordinal))
        {
            return false;
        }
        catch (Exception ex) when (ex is InfluxException or OperationCanceledException or HttpRequestException)
        {
            // Unknown: assume there is history, so back-fills are checked rather than trusted.
            logger.LogWarning("Could not ask InfluxDB whether it holds ratings ({Error}); back-fills will be checked against it.", ex.Message);
            return true;
        }
    }
}
