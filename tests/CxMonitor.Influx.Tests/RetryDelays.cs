namespace CxMonitor.Influx.Tests;

public class RetryDelays
{
    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(10, 1000)]
    public void Delays_grow_exponentially_up_to_the_cap(int retry, double expectedMs)
    {
        var options = new RetryOptions { FirstDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1), JitterRatio = 0 };
        Assert.Equal(expectedMs, options.DelayFor(retry, null, new Random(1)).TotalMilliseconds, 3);
    }

    [Fact]
    public void Jitter_only_ever_lengthens_a_delay_within_its_ratio()
    {
        var options = new RetryOptions { FirstDelay = TimeSpan.FromMilliseconds(100), JitterRatio = 0.5 };
        var random = new Random(7);
        var delays = Enumerable.Range(0, 200).Select(_ => options.DelayFor(1, null, random).TotalMilliseconds).ToArray();
        Assert.All(delays, d => Assert.InRange(d, 100, 150));
        Assert.True(delays.Distinct().Count() > 100, "jitter should spread the delays");
    }

    [Fact]
    public void Retry_after_wins_but_is_capped()
    {
        var options = new RetryOptions { MaxDelay = TimeSpan.FromSeconds(5) };
        Assert.Equal(TimeSpan.FromSeconds(2), options.DelayFor(1, TimeSpan.FromSeconds(2), Random.Shared));
        Assert.Equal(TimeSpan.FromSeconds(5), options.DelayFor(1, TimeSpan.FromMinutes(2), Random.Shared));
    }
}
