using CxMonitor.Core.Retries;

namespace CxMonitor.Core.Tests.Retries;

public class RetryAfterParsing
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 21, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("7", 7)]
    [InlineData(" 120 ", 120)]
    [InlineData("Wed, 25 Nov 2026 21:00:30 GMT", 30)]
    [InlineData("Wed, 25 Nov 2026 20:59:00 GMT", 0)]
    public void Reads_delay_seconds_and_http_dates_relative_to_now(string header, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryAfterHeader.Parse(header, Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("2026-11-25T21:00:30Z")]
    public void Anything_else_is_no_header(string? header) =>
        Assert.Null(RetryAfterHeader.Parse(header, Now));

    [Fact]
    public void A_huge_number_of_seconds_does_not_overflow() =>
        Assert.True(RetryAfterHeader.Parse("99999999999999999", Now) > TimeSpan.FromDays(1000));
}
