using CxMonitor.Core.Metrics;
using static CxMonitor.Core.Tests.Metrics.Zones;

namespace CxMonitor.Core.Tests.Metrics;

// Expected ranges were checked against Python's zoneinfo (wall clock minus 7k days,
// resolved to the first occurrence, gaps read with the offset before them).
public class SameHoursBaseline
{
    [Theory]
    [InlineData("Europe/Berlin", "2026-06-15T09:00:00+02:00", "2026-06-15T12:00:00+02:00", new[]
    {
        "2026-06-08T09:00:00+02:00/2026-06-08T12:00:00+02:00",
        "2026-06-01T09:00:00+02:00/2026-06-01T12:00:00+02:00",
        "2026-05-25T09:00:00+02:00/2026-05-25T12:00:00+02:00",
        "2026-05-18T09:00:00+02:00/2026-05-18T12:00:00+02:00",
    })]
    [InlineData("Europe/Berlin", "2026-04-05T09:00:00+02:00", "2026-04-05T12:00:00+02:00", new[]
    {
        "2026-03-29T09:00:00+02:00/2026-03-29T12:00:00+02:00",
        "2026-03-22T09:00:00+01:00/2026-03-22T12:00:00+01:00",
        "2026-03-15T09:00:00+01:00/2026-03-15T12:00:00+01:00",
        "2026-03-08T09:00:00+01:00/2026-03-08T12:00:00+01:00",
    })]
    [InlineData("Europe/Berlin", "2026-11-01T09:00:00+01:00", "2026-11-01T12:00:00+01:00", new[]
    {
        "2026-10-25T09:00:00+01:00/2026-10-25T12:00:00+01:00",
        "2026-10-18T09:00:00+02:00/2026-10-18T12:00:00+02:00",
        "2026-10-11T09:00:00+02:00/2026-10-11T12:00:00+02:00",
        "2026-10-04T09:00:00+02:00/2026-10-04T12:00:00+02:00",
    })]
    [InlineData("Europe/Berlin", "2026-06-15T07:00:00Z", "2026-06-15T10:00:00Z", new[]
    {
        "2026-06-08T09:00:00+02:00/2026-06-08T12:00:00+02:00",
        "2026-06-01T09:00:00+02:00/2026-06-01T12:00:00+02:00",
        "2026-05-25T09:00:00+02:00/2026-05-25T12:00:00+02:00",
        "2026-05-18T09:00:00+02:00/2026-05-18T12:00:00+02:00",
    })]
    [InlineData("America/New_York", "2026-03-15T09:00:00-04:00", "2026-03-15T17:00:00-04:00", new[]
    {
        "2026-03-08T09:00:00-04:00/2026-03-08T17:00:00-04:00",
        "2026-03-01T09:00:00-05:00/2026-03-01T17:00:00-05:00",
        "2026-02-22T09:00:00-05:00/2026-02-22T17:00:00-05:00",
        "2026-02-15T09:00:00-05:00/2026-02-15T17:00:00-05:00",
    })]
    public void Baseline_takes_the_same_local_hours_of_the_four_previous_weeks(
        string zone, string start, string end, string[] expected)
    {
        var ranges = SatisfactionWindows.SameHoursPreviousWeeks(At(start), At(end), Find(zone));

        Assert.Equal(expected, ranges.Select(r => $"{Iso(r.Start)}/{Iso(r.End)}"));
    }

    [Fact]
    public void A_today_window_maps_to_the_shorter_day_of_a_previous_dst_change()
    {
        var ranges = SatisfactionWindows.SameHoursPreviousWeeks(
            At("2026-04-05T00:00:00+02:00"), At("2026-04-05T12:00:00+02:00"), Find("Europe/Berlin"));

        Assert.Equal("2026-03-29T00:00:00+01:00", Iso(ranges[0].Start));
        Assert.Equal("2026-03-29T12:00:00+02:00", Iso(ranges[0].End));
        Assert.Equal(TimeSpan.FromHours(11), ranges[0].End - ranges[0].Start);
        Assert.Equal(TimeSpan.FromHours(12), ranges[1].End - ranges[1].Start);
    }

    [Fact]
    public void Hours_that_did_not_exist_in_a_previous_week_give_an_empty_range()
    {
        // 02:00-03:00 was skipped on 2026-03-29 in Berlin.
        var ranges = SatisfactionWindows.SameHoursPreviousWeeks(
            At("2026-04-05T02:30:00+02:00"), At("2026-04-05T03:00:00+02:00"), Find("Europe/Berlin"), weeks: 1);

        var range = Assert.Single(ranges);
        Assert.Equal(range.Start, range.End);
        Assert.Equal("2026-03-29T03:30:00+02:00", Iso(range.Start));
    }

    [Fact]
    public void Hours_that_occurred_twice_in_a_previous_week_start_at_their_first_occurrence()
    {
        // 02:00-03:00 happened twice on 2026-10-25 in Berlin: 02:30 resolves to the summer-time one.
        var ranges = SatisfactionWindows.SameHoursPreviousWeeks(
            At("2026-11-01T02:30:00+01:00"), At("2026-11-01T03:30:00+01:00"), Find("Europe/Berlin"), weeks: 1);

        var range = Assert.Single(ranges);
        Assert.Equal("2026-10-25T02:30:00+02:00", Iso(range.Start));
        Assert.Equal("2026-10-25T03:30:00+01:00", Iso(range.End));
        Assert.Equal(TimeSpan.FromHours(2), range.End - range.Start);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    public void The_number_of_weeks_can_be_chosen(int weeks)
    {
        var ranges = SatisfactionWindows.SameHoursPreviousWeeks(
            At("2026-06-15T09:00:00+02:00"), At("2026-06-15T12:00:00+02:00"), Find("Europe/Berlin"), weeks);

        Assert.Equal(weeks, ranges.Count);
        Assert.Equal("2026-06-15T09:00:00+02:00", Iso(ranges[^1].Start.AddDays(7 * weeks)));
    }

    [Fact]
    public void An_empty_window_gives_empty_ranges()
    {
        var ranges = SatisfactionWindows.SameHoursPreviousWeeks(
            At("2026-06-15T09:00:00+02:00"), At("2026-06-15T09:00:00+02:00"), Find("Europe/Berlin"));

        Assert.All(ranges, r => Assert.Equal(r.Start, r.End));
    }

    [Fact]
    public void A_window_ending_before_it_starts_is_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SatisfactionWindows.SameHoursPreviousWeeks(
            At("2026-06-15T12:00:00+02:00"), At("2026-06-15T09:00:00+02:00"), Find("Europe/Berlin")));
        Assert.Equal("end", ex.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    public void Fewer_than_one_week_is_rejected(int weeks)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SatisfactionWindows.SameHoursPreviousWeeks(
            At("2026-06-15T09:00:00+02:00"), At("2026-06-15T12:00:00+02:00"), Find("Europe/Berlin"), weeks));
        Assert.Equal("weeks", ex.ParamName);
    }
}
