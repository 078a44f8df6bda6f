using System.Globalization;

namespace CxMonitor.Core.Retries;

/// <summary>Reads an HTTP <c>Retry-After</c> value (RFC 9110 §10.2.3): either delay-seconds or an
/// HTTP-date. The one parser for every client of ours that talks to a server that may ask.</summary>
public static class RetryAfterHeader
{
    /// <summary>The wait the server asked for, measured from <paramref name="now"/> (a date in the
    /// past is no wait); null when the header is absent or unreadable.</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        value = value.Trim();
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.MaxValue.TotalSeconds - 1));
        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            return date > now ? date - now : TimeSpan.Zero;
        return null;
    }
}
