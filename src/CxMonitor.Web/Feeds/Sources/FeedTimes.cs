using System.Globalization;

namespace CxMonitor.Web.Feeds.Sources;

/// <summary>The time formats review sources use, read the same way by every parser so that a
/// review imported from CSV and the same review fetched from an API land on the same instant.</summary>
public static class FeedTimes
{
    /// <summary>Names a <c>TimeFormat</c> can take besides a .NET custom format string.</summary>
    public const string UnixSeconds = "unix-seconds", UnixMillis = "unix-millis";

    // A count below this is seconds (it reaches the year 5138); above it, milliseconds. Sources
    // that send bare numbers never say which, and no review predates 1973 (1e11 ms).
    const long MillisThreshold = 100_000_000_000;

    public static bool TryParse(ReadOnlySpan<char> text, string? format, out DateTimeOffset time)
    {
        time = default;
        text = text.Trim();
        if (text.IsEmpty) return false;
        if (format == UnixSeconds || format == UnixMillis)
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                && TryFromUnix(n, format == UnixMillis, out time);
        if (format is not null)
            // Zone-less custom formats (Yelp's "yyyy-MM-dd HH:mm:ss") are read as UTC.
            return DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
        if (IsDigits(text))
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && TryFromUnix(n, n >= MillisThreshold, out time);
        return TryParseIso(text, out time);
    }

    public static bool TryFromNumber(double value, string? format, out DateTimeOffset time)
    {
        time = default;
        if (double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) > 1e16) return false;
        var millis = format == UnixMillis || (format != UnixSeconds && Math.Abs(value) >= MillisThreshold);
        return TryFromUnix((long)Math.Round(millis ? value : value * 1000), true, out time);
    }

    static bool TryFromUnix(long n, bool millis, out DateTimeOffset time)
    {
        time = default;
        if (!millis && (n > 253_402_300_799 || n < -62_135_596_800)) return false;
        try
        {
            time = millis ? DateTimeOffset.FromUnixTimeMilliseconds(n) : DateTimeOffset.FromUnixTimeSeconds(n);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    // ISO 8601 / RFC 3339. .NET reads at most 7 fractional digits, and Google sends 9
    // (2017-11-28T12:34:56.123456789Z), so digits past the 7th are dropped before parsing.
    static bool TryParseIso(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        Span<char> copy = stackalloc char[Math.Min(text.Length, 64)];
        if (text.Length > 64) { time = default; return false; }
        var dot = text.IndexOf('.');
        var length = text.Length;
        text.CopyTo(copy);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
            if (end - dot - 1 > 7)
            {
                text[end..].CopyTo(copy[(dot + 8)..]);
                length -= end - dot - 8;
            }
        }
        return DateTimeOffset.TryParse(copy[..length], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
