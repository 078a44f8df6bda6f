using CxMonitor.Core.Retries;

namespace CxMonitor.Core.Tests.Retries;

public class BackoffDelays
{
    private static readonly Backoff Policy = new() { First = TimeSpan.FromMilliseconds(100), Max = TimeSpan.FromSeconds(1), JitterRatio = 0.5 };

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(4, 800)]
    [InlineData(5, 1000)]
    [InlineData(1000, 1000)]
    [InlineData(int.MaxValue, 1000)]
    public void Delays_double_after_each_failure_up_to_the_cap(int failures, double expectedMs) =>
        Assert.Equal(expectedMs, Policy.DelayAfter(failures, null, new FixedRandom(0)).TotalMilliseconds, 3);

    [Theory]
    [InlineData(0.0, 100)]
    [InlineData(0.5, 125)]
    [InlineData(0.999, 149.95)]
    public void Jitter_lengthens_a_delay_by_at_most_its_ratio(double draw, double expectedMs) =>
        Assert.Equal(expectedMs, Policy.DelayAfter(1, null, new FixedRandom(draw)).TotalMilliseconds, 3);

    [Fact]
    public void Jitter_never_pushes_a_delay_past_the_cap() =>
        Assert.Equal(TimeSpan.FromSeconds(1), Policy.DelayAfter(4, null, new FixedRandom(0.999)));

    [Fact]
    public void A_longer_retry_after_is_waited_in_full_even_past_the_computed_cap()
    {
        var policy = Policy with { MaxRetryAfter = TimeSpan.FromMinutes(1) };
        Assert.Equal(TimeSpan.FromSeconds(30), policy.DelayAfter(1, TimeSpan.FromSeconds(30), new FixedRandom(0)));
    }

    [Fact]
    public void A_retry_after_shorter_than_the_backoff_does_not_shorten_it() =>
        Assert.Equal(TimeSpan.FromMilliseconds(400), Policy.DelayAfter(3, TimeSpan.FromMilliseconds(10), new FixedRandom(0)));

    [Fact]
    public void An_absurd_retry_after_is_capped_at_max_retry_after_or_else_at_max()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), Policy.DelayAfter(1, TimeSpan.FromDays(3), new FixedRandom(0)));
        Assert.Equal(TimeSpan.FromMinutes(5), (Policy with { MaxRetryAfter = TimeSpan.FromMinutes(5) }).DelayAfter(1, TimeSpan.FromDays(3), new FixedRandom(0)));
    }

    [Fact]
    public void A_negative_retry_after_counts_as_no_wait() =>
        Assert.Equal(TimeSpan.FromMilliseconds(100), Policy.DelayAfter(1, TimeSpan.FromSeconds(-5), new FixedRandom(0)));

    [Fact]
    public void Failures_are_counted_from_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy.DelayAfter(0, null, new FixedRandom(0)));

    /// <summary>Pins the jitter draw.</summary>
    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }
}
