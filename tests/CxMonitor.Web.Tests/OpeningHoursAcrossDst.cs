using CxMonitor.Web.Sites;

namespace CxMonitor.Web.Tests;

/// <summary>Europe/Berlin: on 2026-03-29 clocks jump from 02:00 CET to 03:00 CEST (at 01:00 UTC);
/// on 2026-10-25 they fall back from 03:00 CEST to 02:00 CET (at 01:00 UTC), so 02:00-03:00
/// local happens twice. Both are Sundays.</summary>
public class OpeningHoursAcrossDst
{
    private static readonly TimeZoneInfo s_berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    // Spring forward: after the jump, 09:00 local is 07:00 UTC (it was 08:00 UTC the day before).
    [InlineData("09:00-21:00", "2026-03-29T06:59:00Z", false)]
    [InlineData("09:00-21:00", "2026-03-29T07:00:00Z", true)]
    [InlineData("09:00-21:00", "2026-03-29T07:30:00Z", true)]
    [InlineData("09:00-21:00", "2026-03-29T18:59:00Z", true)]
    [InlineData("09:00-21:00", "2026-03-29T19:00:00Z", false)]
    // The night of the jump: 01:59 CET is followed by 03:00 CEST.
    [InlineData("00:00-03:00", "2026-03-29T00:59:00Z", true)]
    [InlineData("00:00-03:00", "2026-03-29T01:00:00Z", false)]
    [InlineData("03:00-04:00", "2026-03-29T01:00:00Z", true)]
    // All day on a 23-hour day, from local midnight (23:00 UTC Saturday) to the next (22:00 UTC).
    [InlineData("00:00-24:00", "2026-03-28T22:59:00Z", false)]
    [InlineData("00:00-24:00", "2026-03-28T23:00:00Z", true)]
    [InlineData("00:00-24:00", "2026-03-29T21:59:00Z", true)]
    [InlineData("00:00-24:00", "2026-03-29T22:00:00Z", false)]
    // Fall back: 09:00 local is 08:00 UTC again.
    [InlineData("09:00-21:00", "2026-10-25T07:30:00Z", false)]
    [InlineData("09:00-21:00", "2026-10-25T08:00:00Z", true)]
    [InlineData("09:00-21:00", "2026-10-25T19:59:00Z", true)]
    [InlineData("09:00-21:00", "2026-10-25T20:00:00Z", false)]
    // 02:15 local happens twice (CEST, then CET) and is open both times; 02:45 CEST is not.
    [InlineData("02:00-02:30", "2026-10-25T00:15:00Z", true)]
    [InlineData("02:00-02:30", "2026-10-25T00:45:00Z", false)]
    [InlineData("02:00-02:30", "2026-10-25T01:15:00Z", true)]
    [InlineData("02:00-02:30", "2026-10-25T01:45:00Z", false)]
    // All day on a 25-hour day, from 22:00 UTC Saturday to 23:00 UTC Sunday.
    [InlineData("00:00-24:00", "2026-10-24T21:59:00Z", false)]
    [InlineData("00:00-24:00", "2026-10-24T22:00:00Z", true)]
    [InlineData("00:00-24:00", "2026-10-25T22:59:00Z", true)]
    [InlineData("00:00-24:00", "2026-10-25T23:00:00Z", false)]
    public void Sunday_hours_in_Berlin_hold_in_local_time_across_the_clock_change(string sundayHours, string instant, bool open)
    {
        var hours = OpeningHours.Parse(new Dictionary<string, string?> { ["Sun"] = sundayHours });

        Assert.Equal(open, hours.IsOpen(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), s_berlin));
    }

    [Theory]
    // Saturday before the spring change, still CET (UTC+1), with a lunch break.
    [InlineData("2026-03-28T11:59:00Z", true)]
    [InlineData("2026-03-28T12:00:00Z", false)]
    [InlineData("2026-03-28T12:59:00Z", false)]
    [InlineData("2026-03-28T13:00:00Z", true)]
    [InlineData("2026-03-28T16:59:00Z", true)]
    [InlineData("2026-03-28T17:00:00Z", false)]
    public void A_split_day_is_closed_between_its_intervals(string instant, bool open)
    {
        var hours = OpeningHours.Parse(new Dictionary<string, string?> { ["Sat"] = "09:00-13:00,14:00-18:00" });

        Assert.Equal(open, hours.IsOpen(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), s_berlin));
    }
}
