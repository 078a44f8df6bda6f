using CxMonitor.Web.Sites;

namespace CxMonitor.Web.Tests;

public class OpeningHoursParsing
{
    [Theory]
    [InlineData("Mon", "09:00-21:00", "09:00-21:00")]
    [InlineData("Sat", "09:00-13:00,14:00-18:00", "09:00-13:00,14:00-18:00")]
    [InlineData("Sat", " 14:00-18:00 , 09:00-13:00 ", "09:00-13:00,14:00-18:00")]
    [InlineData("Sun", "closed", "closed")]
    [InlineData("Sunday", "CLOSED", "closed")]
    [InlineData("tue", "00:00-24:00", "00:00-24:00")]
    [InlineData("Wed", "09:00-12:00,12:00-18:00", "09:00-12:00,12:00-18:00")]
    public void Valid_hours_parse_and_print_back_in_a_normal_form(string day, string text, string printed)
    {
        var hours = OpeningHours.Parse(new Dictionary<string, string?> { [day] = text });

        var dayName = day[..1].ToUpperInvariant() + day[1..3].ToLowerInvariant();
        Assert.Equal(printed, hours.ToDictionary()[dayName]);
        Assert.Equal(hours, OpeningHours.Parse(hours.ToDictionary().ToDictionary(d => d.Key, d => (string?)d.Value)));
    }

    [Fact]
    public void A_missing_weekday_is_closed()
    {
        var hours = OpeningHours.Parse(new Dictionary<string, string?> { ["Mon"] = "09:00-21:00" });

        Assert.Empty(hours.On(DayOfWeek.Sunday));
        Assert.Equal("closed", hours.ToDictionary()["Sun"]);
        Assert.Equal(7, hours.ToDictionary().Count);
    }

    [Theory]
    [InlineData("Mon", "9-21", "9-21")]
    [InlineData("Tue", "09:00-21:00,9-12", "9-12")]
    [InlineData("Wed", "21:00-09:00", "split an overnight interval")]
    [InlineData("Thu", "09:00-09:00", "does not end after it starts")]
    [InlineData("Fri", "25:00-26:00", "25:00-26:00")]
    [InlineData("Sat", "09:60-12:00", "09:60-12:00")]
    [InlineData("Sun", "24:00-24:00", "24:00 can only end")]
    [InlineData("Mon", "09:00-13:00,12:00-18:00", "overlap")]
    [InlineData("Tue", "", "no hours given")]
    [InlineData("Wed", "open", "'open'")]
    [InlineData("Funday", "closed", "not a weekday")]
    public void Bad_hours_are_refused_naming_the_weekday_and_the_bad_text(string day, string text, string expected)
    {
        var week = new Dictionary<string, string?> { [day] = text };

        Assert.False(OpeningHours.TryParse(week, out _, out var errors));
        var error = Assert.Single(errors);
        Assert.Equal(day, error.Day);
        Assert.Contains(expected, error.Message);
        var thrown = Assert.Throws<FormatException>(() => OpeningHours.Parse(week));
        Assert.StartsWith($"{day}: ", thrown.Message);
    }

    [Fact]
    public void A_weekday_given_twice_is_refused()
    {
        var week = new Dictionary<string, string?> { ["Mon"] = "09:00-12:00", ["monday"] = "13:00-18:00" };

        Assert.False(OpeningHours.TryParse(week, out _, out var errors));
        Assert.Contains("given twice", Assert.Single(errors).Message);
    }
}
