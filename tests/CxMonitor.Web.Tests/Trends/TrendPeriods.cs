using CxMonitor.Web.Trends;

namespace CxMonitor.Web.Tests.Trends;

public class TrendPeriods
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Theory]
    [InlineData(TrendBucket.Week, "2026-11-04", "2026-11-20", "2026-11-04/2026-11-09 2026-11-09/2026-11-16 2026-11-16/2026-11-20")]
    [InlineData(TrendBucket.Month, "2026-01-15", "2026-04-01", "2026-01-15/2026-02-01 2026-02-01/2026-03-01 2026-03-01/2026-04-01")]
    [InlineData(TrendBucket.Day, "2026-03-28", "2026-03-31", "2026-03-28/2026-03-29 2026-03-29/2026-03-30 2026-03-30/2026-03-31")]
    public void Buckets_are_monday_weeks_and_calendar_months_clipped_to_the_range(TrendBucket bucket, string from, string to, string expected)
    {
        var period = new TrendPeriod(DateOnly.Parse(from), DateOnly.Parse(to), bucket, Berlin);

        Assert.Equal(expected, string.Join(' ', period.Buckets().Select(b => $"{b.Start:yyyy-MM-dd}/{b.End:yyyy-MM-dd}")));
    }

    [Theory]
    [InlineData(TrendBucket.Month, "2026-03-01", "2026-05-01", false, "2026-01-01", "2026-03-01")]
    [InlineData(TrendBucket.Day, "2026-11-02", "2026-11-09", false, "2026-10-26", "2026-11-02")]
    [InlineData(TrendBucket.Week, "2026-11-02", "2026-11-16", true, "2025-11-02", "2025-11-16")]
    public void The_previous_period_has_the_same_length_in_its_own_units(TrendBucket bucket, string from, string to, bool year, string previousFrom, string previousTo)
    {
        var previous = new TrendPeriod(DateOnly.Parse(from), DateOnly.Parse(to), bucket, Berlin).Previous(year);

        Assert.Equal((DateOnly.Parse(previousFrom), DateOnly.Parse(previousTo)), (previous.From, previous.To));
    }

    [Fact]
    public void A_local_day_starts_at_local_midnight_on_either_side_of_a_dst_change()
    {
        var period = new TrendPeriod(new DateOnly(2026, 3, 29), new DateOnly(2026, 3, 30), TrendBucket.Day, Berlin);

        Assert.Equal(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero), period.StartInstant);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero), period.EndInstant);
    }

    [Theory]
    [InlineData("The queue was too long, the QUEUE!", "queue long")]
    [InlineData("Очень долгая очередь, очередь!", "долгая очередь")]
    [InlineData("Дуже довга черга і брудно", "довга черга брудно")]
    public void Negative_words_drop_small_words_and_count_once_per_comment(string comment, string expected)
    {
        var top = NegativeWords.Top([comment], 10);

        Assert.Equal(expected.Split(' ').Order(), top.Select(t => t.Word).Order());
        Assert.All(top, t => Assert.Equal(1, t.Count));
    }
}
