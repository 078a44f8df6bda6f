using CxMonitor.Core.Metrics;
using static CxMonitor.Core.Tests.Metrics.Zones;

namespace CxMonitor.Core.Tests.Metrics;

public class WindowRanges
{
    [Theory]
    [InlineData(SatisfactionWindow.Live15m, "2026-06-15T11:45:00+02:00")]
    [InlineData(SatisfactionWindow.Hour1, "2026-06-15T11:00:00+02:00")]
    [InlineData(SatisfactionWindow.Day1, "2026-06-14T12:00:00+02:00")]
    [InlineData(SatisfactionWindow.Days7, "2026-06-08T12:00:00+02:00")]
    [InlineData(SatisfactionWindow.Days30, "2026-05-16T12:00:00+02:00")]
    public void Fixed_windows_end_now_and_reach_back_their_length(SatisfactionWindow window, string start)
    {
        var now = At("2026-06-15T12:00:00+02:00");

        var range = SatisfactionWindows.Range(window, now, Find("Europe/Berlin"));

        Assert.Equal(start, Iso(range.Start));
        Assert.Equal(now, range.End);
    }

    // Fixed windows are elapsed time: on the day Berlin skips an hour, 24h still means 24
    // hours, so the start reads 11:00 (+01:00) on the wall clock, not 12:00.
    [Theory]
    [InlineData(SatisfactionWindow.Day1, "2026-03-29T12:00:00+02:00", "2026-03-28T11:00:00+01:00")]
    [InlineData(SatisfactionWindow.Days7, "2026-03-29T12:00:00+02:00", "2026-03-22T11:00:00+01:00")]
    [InlineData(SatisfactionWindow.Day1, "2026-10-25T12:00:00+01:00", "2026-10-24T13:00:00+02:00")]
    [InlineData(SatisfactionWindow.Hour1, "2026-10-25T02:30:00+01:00", "2026-10-25T02:30:00+02:00")]
    public void Fixed_windows_span_elapsed_time_across_dst(SatisfactionWindow window, string now, string start)
    {
        var range = SatisfactionWindows.Range(window, At(now), Find("Europe/Berlin"));

        Assert.Equal(start, Iso(range.Start));
    }

    [Fact]
    public void Fixed_windows_start_in_the_site_offset_whatever_offset_now_has()
    {
        var range = SatisfactionWindows.Range(SatisfactionWindow.Hour1, At("2026-06-15T10:00:00Z"), Find("America/New_York"));

        Assert.Equal("2026-06-15T05:00:00-04:00", Iso(range.Start));
    }

    [Fact]
    public void An_undefined_window_value_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => SatisfactionWindows.Range((SatisfactionWindow)(-1), At("2026-06-15T10:00:00Z"), Find("Europe/Berlin")));
    }
}
