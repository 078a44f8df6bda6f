using CxMonitor.Web.Feeds.Sources;
using CxMonitor.Web.Feeds.Sources.Syndication;

namespace CxMonitor.Web.Tests.Feeds.Sources;

public class FeedTimeFormats
{
    [Theory]
    [InlineData("2017-11-28T12:34:56.123456789Z", null, "2017-11-28T12:34:56.1234567Z")]
    [InlineData("2017-11-28T12:34:56Z", null, "2017-11-28T12:34:56Z")]
    [InlineData("2026-11-21T03:14:07-07:00", null, "2026-11-21T10:14:07Z")]
    [InlineData("1793693565", null, "2026-11-03T08:12:45Z")]
    [InlineData("1793693565000", null, "2026-11-03T08:12:45Z")]
    [InlineData("1793693565", FeedTimes.UnixSeconds, "2026-11-03T08:12:45Z")]
    [InlineData("1793693565123", FeedTimes.UnixMillis, "2026-11-03T08:12:45.123Z")]
    [InlineData("2026-11-20 16:22:08", "yyyy-MM-dd HH:mm:ss", "2026-11-20T16:22:08Z")]
    [InlineData("2026-11-20 16:22:08", null, "2026-11-20T16:22:08Z")]
    public void Source_times_are_read_as_utc_instants(string text, string? format, string expected)
    {
        Assert.True(FeedTimes.TryParse(text, format, out var time));
        Assert.Equal(SampleFiles.Utc(expected), time);
        Assert.Equal(TimeSpan.Zero, time.Offset);
    }

    [Theory]
    [InlineData("2026-11-20 16:22:08", "yyyy-MM-dd HH:mm:ss", "2026-11-21T00:22:08Z")]
    [InlineData("2026-11-20T16:22:08", null, "2026-11-21T00:22:08Z")]
    [InlineData("2026-07-20 16:22:08", "yyyy-MM-dd HH:mm:ss", "2026-07-20T23:22:08Z")]
    // A time the spring change skips, and one the autumn change repeats, take the standard offset.
    [InlineData("2026-03-08 02:30:00", "yyyy-MM-dd HH:mm:ss", "2026-03-08T10:30:00Z")]
    [InlineData("2026-11-01 01:30:00", "yyyy-MM-dd HH:mm:ss", "2026-11-01T09:30:00Z")]
    // Times that carry a zone keep it.
    [InlineData("2026-11-20T16:22:08Z", null, "2026-11-20T16:22:08Z")]
    [InlineData("2026-11-20T16:22:08-05:00", null, "2026-11-20T21:22:08Z")]
    [InlineData("2026-11-20 16:22:08 -05:00", "yyyy-MM-dd HH:mm:ss zzz", "2026-11-20T21:22:08Z")]
    [InlineData("1793693565", null, "2026-11-03T08:12:45Z")]
    public void Zoneless_times_are_read_in_the_given_zone(string text, string? format, string expected)
    {
        var losAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

        Assert.True(FeedTimes.TryParse(text, format, out var time, losAngeles));
        Assert.Equal(SampleFiles.Utc(expected), time);
        Assert.Equal(TimeSpan.Zero, time.Offset);
    }

    [Theory]
    [InlineData("last week", null)]
    [InlineData("2026-11-20", "yyyy-MM-dd HH:mm:ss")]
    [InlineData("12.5", FeedTimes.UnixMillis)]
    [InlineData("", null)]
    public void Text_that_is_not_a_time_in_the_format_is_refused(string text, string? format)
    {
        Assert.False(FeedTimes.TryParse(text, format, out _));
    }

    [Theory]
    [InlineData("Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z")]
    [InlineData("Sat, 21 Nov 2026 18:42:10 +0300", "2026-11-21T15:42:10Z")]
    [InlineData("Thu, 19 Nov 2026 09:30:00 EST", "2026-11-19T14:30:00Z")]
    [InlineData("19 Nov 26 09:30 PDT", "2026-11-19T16:30:00Z")]
    [InlineData("Sat, 21 Nov 2026 18:42:10 MSK", "2026-11-21T15:42:10Z")]
    [InlineData("2026-11-21T18:42:10+03:00", "2026-11-21T15:42:10Z")]
    public void Rss_dates_are_read_with_named_zones_and_offsets(string text, string expected)
    {
        Assert.True(RssDate.TryParse(text, out var time));
        Assert.Equal(SampleFiles.Utc(expected), time);
    }

    [Theory]
    [InlineData("Sat, 21 Nov 2026 18:42:10 XYZ")]
    [InlineData("Sat, 31 Feb 2026 18:42:10 GMT")]
    public void Rss_dates_with_an_unknown_zone_or_no_such_day_are_refused(string text)
    {
        Assert.False(RssDate.TryParse(text, out _));
    }
}
