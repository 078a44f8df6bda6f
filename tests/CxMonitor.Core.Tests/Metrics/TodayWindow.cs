using CxMonitor.Core.Metrics;
using static CxMonitor.Core.Tests.Metrics.Zones;

namespace CxMonitor.Core.Tests.Metrics;

// Expected starts were checked against Python's zoneinfo. Europe/Berlin moves to summer
// time on 2026-03-29 at 02:00 (that local day lasts 23 h) and back on 2026-10-25 at
// 03:00 (25 h); America/New_York on 2026-03-08 and 2026-11-01 at 02:00. America/Havana
// changes at midnight itself: 00:00 does not exist on 2026-03-08 and occurs twice on
// 2026-11-01.
public class TodayWindow
{
    [Theory]
    [InlineData("Europe/Berlin", "2026-06-15T15:30:00+02:00", "2026-06-15T00:00:00+02:00", 15.5)]
    [InlineData("Europe/Berlin", "2026-06-15T00:00:00+02:00", "2026-06-15T00:00:00+02:00", 0.0)]
    [InlineData("Europe/Berlin", "2026-03-29T01:59:00+01:00", "2026-03-29T00:00:00+01:00", 1.9833333333)]
    [InlineData("Europe/Berlin", "2026-03-29T12:00:00+02:00", "2026-03-29T00:00:00+01:00", 11.0)]
    [InlineData("Europe/Berlin", "2026-03-29T23:59:59+02:00", "2026-03-29T00:00:00+01:00", 22.9997222222)]
    [InlineData("Europe/Berlin", "2026-03-30T08:00:00+02:00", "2026-03-30T00:00:00+02:00", 8.0)]
    [InlineData("Europe/Berlin", "2026-10-25T02:30:00+01:00", "2026-10-25T00:00:00+02:00", 3.5)]
    [InlineData("Europe/Berlin", "2026-10-25T12:00:00+01:00", "2026-10-25T00:00:00+02:00", 13.0)]
    [InlineData("Europe/Berlin", "2026-10-25T23:59:59+01:00", "2026-10-25T00:00:00+02:00", 24.9997222222)]
    [InlineData("America/New_York", "2026-03-08T12:00:00-04:00", "2026-03-08T00:00:00-05:00", 11.0)]
    [InlineData("America/New_York", "2026-11-01T12:00:00-05:00", "2026-11-01T00:00:00-04:00", 13.0)]
    [InlineData("America/Havana", "2026-03-08T12:00:00-04:00", "2026-03-08T01:00:00-04:00", 11.0)]
    [InlineData("America/Havana", "2026-11-01T12:00:00-05:00", "2026-11-01T00:00:00-04:00", 13.0)]
    public void Today_starts_at_site_midnight_across_dst_changes(string zone, string now, string start, double hours)
    {
        var range = SatisfactionWindows.Range(SatisfactionWindow.Today, At(now), Find(zone));

        Assert.Equal(start, Iso(range.Start));
        Assert.Equal(At(now), range.End);
        Assert.Equal(hours, (range.End - range.Start).TotalHours, 1e-9);
    }

    // The site's calendar day decides, not the one of the offset now happens to carry.
    [Theory]
    [InlineData("Europe/Berlin", "2026-03-29T22:30:00Z", "2026-03-30T00:00:00+02:00")]
    [InlineData("Europe/Berlin", "2026-03-28T23:30:00Z", "2026-03-29T00:00:00+01:00")]
    [InlineData("America/New_York", "2026-11-01T03:30:00Z", "2026-10-31T00:00:00-04:00")]
    [InlineData("America/New_York", "2026-11-01T04:30:00+00:00", "2026-11-01T00:00:00-04:00")]
    [InlineData("Asia/Tokyo", "2026-06-15T16:00:00+01:00", "2026-06-16T00:00:00+09:00")]
    public void Today_follows_the_site_date_not_the_date_of_now(string zone, string now, string start)
    {
        var range = SatisfactionWindows.Range(SatisfactionWindow.Today, At(now), Find(zone));

        Assert.Equal(start, Iso(range.Start));
    }
}
