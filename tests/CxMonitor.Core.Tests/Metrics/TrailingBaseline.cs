using CxMonitor.Core.Metrics;
using static CxMonitor.Core.Tests.Metrics.Zones;

namespace CxMonitor.Core.Tests.Metrics;

public class TrailingBaseline
{
    [Theory]
    [InlineData("2026-06-15T09:00:00+02:00", "2026-05-18T09:00:00+02:00")]
    [InlineData("2026-03-01T00:00:00Z", "2026-02-01T00:00:00Z")]
    [InlineData("2024-03-28T00:00:00Z", "2024-02-29T00:00:00Z")]
    [InlineData("2026-04-05T00:00:00+02:00", "2026-03-08T00:00:00+02:00")] // 2026-03-07T23:00+01:00 in Berlin: elapsed time, not wall clock
    public void Trailing_baseline_is_the_28_days_ending_at_the_window_start(string windowStart, string start)
    {
        var range = SatisfactionWindows.Trailing28Days(At(windowStart));

        Assert.Equal(At(start), range.Start);
        Assert.Equal(At(windowStart), range.End);
        Assert.Equal(TimeSpan.FromDays(28), range.End - range.Start);
    }
}
