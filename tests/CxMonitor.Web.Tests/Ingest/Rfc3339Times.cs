using System.Globalization;
using CxMonitor.Web.Ingest;

namespace CxMonitor.Web.Tests.Ingest;

public class Rfc3339Times
{
    [Theory]
    [InlineData("2026-11-22T10:15:00Z")]
    [InlineData("2026-11-22T10:15:00.1Z")]
    [InlineData("2026-11-22T10:15:00.1234567+02:00")]
    [InlineData("2026-11-22t10:15:00-05:30")] // RFC 3339 allows a lower-case t and z
    [InlineData("2024-02-29T23:59:59z")]
    [InlineData("2026-03-29T01:30:00+14:00")]
    public void The_fast_reading_agrees_with_the_strict_parse(string text)
    {
        Assert.True(Rfc3339.TryParse(text, out var fast));
        var strict = DateTimeOffset.ParseExact(text.ToUpperInvariant(), ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None);
        Assert.Equal((strict, strict.Offset), (fast, fast.Offset));
    }

    [Theory]
    [InlineData("2026-11-22T10:15:00")]            // no offset
    [InlineData("2026-11-22 10:15:00Z")]           // space for T
    [InlineData("2026-13-22T10:15:00Z")]           // month 13
    [InlineData("2025-02-29T10:15:00Z")]           // not a leap year
    [InlineData("2026-11-22T24:00:00Z")]
    [InlineData("2026-11-22T10:60:00Z")]
    [InlineData("2026-11-22T10:15:00.123456789Z")] // more than 7 digits: the strict parse decides
    [InlineData("2026-11-22T10:15:00+15:00")]
    [InlineData("2026-11-22T10:15:00+0200")]
    [InlineData("2026-1x-22T10:15:00Z")]
    [InlineData("")]
    public void Anything_else_is_left_to_the_strict_parse(string text) =>
        Assert.False(Rfc3339.TryParse(text, out _));
}
