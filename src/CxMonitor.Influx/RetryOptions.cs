using CxMonitor.Core.Retries;

namespace CxMonitor.Influx;

/// <summary>How often and how long to retry retryable failures (429, 500, 502-504, network), with
/// the one <see cref="Backoff"/> policy: exponential with jitter, and a server's Retry-After as
/// the least wait, capped by <see cref="MaxDelay"/>.</summary>
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

    public Backoff Backoff => new() { First = FirstDelay, Max = MaxDelay, Growth = ExponentialBase, JitterRatio = JitterRatio };

    public TimeSpan DelayFor(int retry, TimeSpan? retryAfter, Random random) => Backoff.DelayAfter(retry, retryAfter, random);
}
