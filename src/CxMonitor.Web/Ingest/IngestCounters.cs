using System.Diagnostics.Metrics;

namespace CxMonitor.Web.Ingest;

/// <summary>Running totals since start, also exported as <c>System.Diagnostics.Metrics</c>
/// counters (meter <c>CxMonitor.Ingest</c>) for OTLP export.</summary>
public sealed class IngestCounters
{
    public const string MeterName = "CxMonitor.Ingest";
    private readonly Counter<long> _acceptedMetric;
    private readonly Counter<long> _rejectedMetric;
    private readonly Counter<long> _writtenMetric;
    private long _accepted;
    private long _rejected;
    private long _duplicates;
    private long _written;
    private long _failed;
    private long _deliveryRetries;
    private long _lingers;

    public IngestCounters(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _acceptedMetric = meter.CreateCounter<long>("cxmonitor.ingest.accepted", "{item}", "Ratings and reviews accepted");
        _rejectedMetric = meter.CreateCounter<long>("cxmonitor.ingest.rejected", "{item}", "Items rejected by validation");
        _writtenMetric = meter.CreateCounter<long>("cxmonitor.ingest.written", "{point}", "Points delivered to InfluxDB");
    }

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Rejected => Interlocked.Read(ref _rejected);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Written => Interlocked.Read(ref _written);

    public long Failed => Interlocked.Read(ref _failed);

    public long DeliveryRetries => Interlocked.Read(ref _deliveryRetries);

    /// <summary>How often the drainer waited for more lines after a small part batch
    /// (<c>Ingest:Spool:DrainLinger</c>): about once per delivery when ratings come one at a time,
    /// never for a stream of large requests.</summary>
    public long Lingers => Interlocked.Read(ref _lingers);

    public void Counted(int accepted, int rejected, int duplicates)
    {
        Interlocked.Add(ref _accepted, accepted);
        Interlocked.Add(ref _rejected, rejected);
        Interlocked.Add(ref _duplicates, duplicates);
        _acceptedMetric.Add(accepted);
        _rejectedMetric.Add(rejected);
    }

    public void AddWritten(int points)
    {
        Interlocked.Add(ref _written, points);
        _writtenMetric.Add(points);
    }

    public void AddFailed(int points) => Interlocked.Add(ref _failed, points);

    public void DeliveryRetried() => Interlocked.Increment(ref _deliveryRetries);

    public void Lingered() => Interlocked.Increment(ref _lingers);
}
