namespace CxMonitor.Influx.Write;

/// <summary>Timestamp units. Milliseconds are the portable default; nanoseconds are sent
/// without a precision parameter, which every server generation reads as nanoseconds.</summary>
public enum WritePrecision
{
    Ms,
    Ns,
}

/// <summary>How the batching <see cref="WriteApi"/> groups and retries lines.</summary>
public sealed class WriteOptions
{
    /// <summary>Lines per request; InfluxData recommends up to 5,000.</summary>
    public int BatchSize { get; init; } = 5000;

    /// <summary>A partial batch is sent after this long.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Lines held in memory before writers wait (backpressure, never a drop).</summary>
    public int MaxBufferedLines { get; init; } = 100_000;

    public RetryOptions Retry { get; init; } = new();

    public string? RetentionPolicy { get; init; }

    /// <summary>The unit of every timestamp this writer sends.</summary>
    public WritePrecision Precision { get; init; } = WritePrecision.Ms;

    public void Validate()
    {
        if (BatchSize is < 1 or > 100_000)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be 1..100000.");
        if (FlushInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(FlushInterval), FlushInterval, "FlushInterval must be positive.");
        if (MaxBufferedLines < BatchSize)
            throw new ArgumentOutOfRangeException(nameof(MaxBufferedLines), MaxBufferedLines, "MaxBufferedLines must be at least BatchSize.");
    }
}

/// <summary>Running totals of a writer, safe to read from any thread.</summary>
public sealed class WriteCounters
{
    private long _pointsWritten;
    private long _pointsRetried;
    private long _pointsFailed;
    private long _batchesWritten;

    public long PointsWritten => Interlocked.Read(ref _pointsWritten);

    /// <summary>Points sent again after a retryable failure (one batch retried twice counts twice).</summary>
    public long PointsRetried => Interlocked.Read(ref _pointsRetried);

    /// <summary>Points the server rejected or that could not be delivered within the retry budget.</summary>
    public long PointsFailed => Interlocked.Read(ref _pointsFailed);

    public long BatchesWritten => Interlocked.Read(ref _batchesWritten);

    internal void Written(int points)
    {
        Interlocked.Add(ref _pointsWritten, points);
        Interlocked.Increment(ref _batchesWritten);
    }

    internal void Retried(int points) => Interlocked.Add(ref _pointsRetried, points);

    internal void Failed(int points) => Interlocked.Add(ref _pointsFailed, points);
}

/// <summary>A batch the writer gave up on: the lines (so the caller can keep them) and why.
/// For a <see cref="InfluxPartialWriteException"/> the server stored the valid lines.</summary>
public sealed record WriteFailure(IReadOnlyList<string> Lines, InfluxException Error);
