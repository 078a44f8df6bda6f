using System.Diagnostics;
using CxMonitor.Web.Ingest.Spool;

namespace CxMonitor.Web.Ingest.Ids;

/// <summary>Loads the ledger before the server takes its first request, so a resend right after
/// a crash is answered as the duplicate it is.</summary>
public sealed class LedgerWarmup(RatingLedger ledger, LedgerJournal journal, WriteAheadSpool spool, ILogger<LedgerWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var loaded = journal.LoadInto(ledger, spool.Files);
        logger.LogInformation("Remembered {Count} rating ids from the spool and its id journal in {Ms} ms", loaded, watch.ElapsedMilliseconds);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
