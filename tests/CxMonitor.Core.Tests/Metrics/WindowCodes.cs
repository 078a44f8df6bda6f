using CxMonitor.Core.Metrics;

namespace CxMonitor.Core.Tests.Metrics;

public class WindowCodes
{
    [Theory]
    [InlineData(SatisfactionWindow.Live15m, "15m")]
    [InlineData(SatisfactionWindow.Hour1, "1h")]
    [InlineData(SatisfactionWindow.Today, "today")]
    [InlineData(SatisfactionWindow.Day1, "24h")]
    [InlineData(SatisfactionWindow.Days7, "7d")]
    [InlineData(SatisfactionWindow.Days30, "30d")]
    public void Every_window_has_its_wire_code(SatisfactionWindow window, string code)
    {
        Assert.Equal(code, SatisfactionWindows.Code(window));
        Assert.True(SatisfactionWindows.TryParse(code, out var parsed));
        Assert.Equal(window, parsed);
    }

    [Theory]
    [InlineData(" 15m ", SatisfactionWindow.Live15m)]
    [InlineData("1H", SatisfactionWindow.Hour1)]
    [InlineData("Today", SatisfactionWindow.Today)]
    [InlineData("24H", SatisfactionWindow.Day1)]
    [InlineData("7D\n", SatisfactionWindow.Days7)]
    public void Codes_parse_ignoring_surrounding_space_and_case(string code, SatisfactionWindow expected)
    {
        Assert.True(SatisfactionWindows.TryParse(code, out var window));
        Assert.Equal(expected, window);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("15min")]
    [InlineData("1d")]
    [InlineData("60m")]
    [InlineData("Live15m")]
    [InlineData("yesterday")]
    [InlineData("0")]
    [InlineData("2")]
    public void Anything_but_a_known_code_does_not_parse(string? code)
    {
        Assert.False(SatisfactionWindows.TryParse(code, out _));
    }

    [Fact]
    public void An_undefined_window_value_is_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SatisfactionWindows.Code((SatisfactionWindow)6));
        Assert.Equal("window", ex.ParamName);
    }
}
