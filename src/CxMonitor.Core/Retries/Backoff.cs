namespace CxMonitor.Core.Retries;

/// <summary>The one retry-delay policy of CxMonitor: exponential growth from <see cref="First"/>
/// with jitter, capped at <see cref="Max"/>. A server's Retry-After is honoured as the least wait
/// (our own backoff may be longer), up to <see cref="MaxRetryAfter"/> so that one absurd header
/// cannot stall a retry loop for days.</summary>
public sealed record Backoff
{
    /// <summary>The wait after the first failure.</summary>
    public required TimeSpan First { get; init; }

    /// <summary>The longest computed wait (jitter included).</summary>
    public required TimeSpan Max { get; init; }

    public double Growth { get; init; } = 2;

    /// <summary>Each wait is stretched by a random share up to this ratio, so that many clients
    /// recovering together do not return in lockstep.</summary>
    public double JitterRatio { get; init; } = 0.25;

    /// <summary>The longest server-asked wait honoured; null: <see cref="Max"/>.</summary>
    public TimeSpan? MaxRetryAfter { get; init; }

    /// <summary>The wait before the next attempt after <paramref name="failures"/> failures in a
    /// row (1 for the first); <paramref name="random"/> is injected so tests can pin the jitter.</summary>
    public TimeSpan DelayAfter(int failures, TimeSpan? retryAfter, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        // Past 2^62 the double is meaningless anyway; the cap applies long before.
        var grown = First.TotalMilliseconds * Math.Pow(Growth, Math.Min(failures - 1, 62));
        var jittered = grown * (1 + (random.NextDouble() * JitterRatio));
        var computed = TimeSpan.FromMilliseconds(Math.Min(jittered, Max.TotalMilliseconds));
        if (retryAfter is not { } asked)
            return computed;
        var cap = MaxRetryAfter ?? Max;
        asked = asked < TimeSpan.Zero ? TimeSpan.Zero : asked > cap ? cap : asked;
        return asked > computed ? asked : computed;
    }
}
