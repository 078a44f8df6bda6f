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

    /// <param name="zone">Where a time without a zone was read off a clock (Yelp's
    /// <c>time_created</c> is the business's local time); null reads such times as UTC.</param>
    public static bool TryParse(ReadOnlySpan<char> text, string? format, out DateTimeOffset time, TimeZoneInfo? zone = null)
    {
        time = default;
        text = text.Trim();
        if (text.IsEmpty) return false;
        if (format == UnixSeconds || format == UnixMillis)
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                && TryFromUnix(n, format == UnixMillis, out time);
        if (format is not null)
        {
            if (!DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
                return false;
            if (zone is not null && !FormatHasZone(format))
                time = InZone(time.DateTime, zone);
            return true;
        }
        if (IsDigits(text))
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && TryFromUnix(n, n >= MillisThreshold, out time);
        if (!TryParseIso(text, out time))
            return false;
        if (zone is not null && !IsoHasZone(text))
            time = InZone(time.DateTime, zone);
        return true;
    }

    /// <summary>The instant a wall-clock time of <paramref name="zone"/> stands for. A time that a
    /// change to summer time skips, or that its end repeats, takes the zone's standard offset.</summary>
    public static DateTimeOffset InZone(DateTime clockTime, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(clockTime, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    // "zzz", "K" and the standard formats "o", "r", "u" carry a zone; quoted text is a literal.
    static bool FormatHasZone(string format)
    {
        if (format.Length == 1) return format is "o" or "O" or "r" or "R" or "u";
        var quoted = false;
        foreach (var c in format)
        {
            if (c is '\'' or '"') quoted = !quoted;
            else if (!quoted && c is 'z' or 'K') return true;
        }
        return false;
    }

    // A zone is a trailing "Z" or an offset after the time ("…T10:00:00-05:00"); the dashes of
    // the date come before position 10.
    static bool IsoHasZone(ReadOnlySpan<char> text) =>
        text[^1] is 'Z' or 'z' || text.LastIndexOfAny('+', '-') > 10;

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
