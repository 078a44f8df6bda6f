namespace CxMonitor.Influx;

/// <summary>Exponential backoff with jitter for retryable failures (429, 500, 502-504, network).
/// A server's Retry-After wins over the computed delay, capped by <see cref="MaxDelay"/>.</summary>
public sealed class RetryOptions
{
    /// <summary>Attempts after the first; 0 disables retries.</summary>
    public int MaxRetries { get; init; } = 5;

    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    public double ExponentialBase { get; init; } = 2;

    /// <summary>Each delay is stretched by a random share up to this ratio so that many
    /// clients recovering together do not hit the server in lockstep.</summary>
    public double JitterRatio { get; init; } = 0.25;

    public TimeSpan DelayFor(int retry, TimeSpan? retryAfter, Random random)
    {
        if (retryAfter is { } ra)
            return ra > MaxDelay ? MaxDelay : ra;
        var baseMs = FirstDelay.TotalMilliseconds * Math.Pow(ExponentialBase, retry - 1);
        var withJitter = baseMs * (1 + (random.NextDouble() * JitterRatio));
        return TimeSpan.FromMilliseconds(Math.Min(withJitter, MaxDelay.TotalMilliseconds));
    }
}
