using System.Globalization;

namespace CxMonitor.Web.Sites;

/// <summary>One open stretch of a local day in minutes since local midnight, end exclusive;
/// <see cref="EndMinute"/> 1440 is 24:00.</summary>
public readonly record struct OpeningInterval(int StartMinute, int EndMinute)
{
    public const int MinutesPerDay = 24 * 60;

    public bool Contains(TimeSpan localTimeOfDay)
    {
        var minute = localTimeOfDay.TotalMinutes;
        return minute >= StartMinute && minute < EndMinute;
    }

    public override string ToString() => $"{Clock(StartMinute)}-{Clock(EndMinute)}";

    /// <summary>Parses <c>HH:mm-HH:mm</c>; returns null and a reason when the text is not one.</summary>
    internal static OpeningInterval? TryParse(string text, out string? error)
    {
        error = null;
        var parts = text.Split('-');
        if (parts.Length != 2 || ParseClock(parts[0]) is not { } start || ParseClock(parts[1]) is not { } end)
        {
            error = $"'{text}' is not an interval: write HH:mm-HH:mm (24-hour clock), e.g. '09:00-21:00'.";
            return null;
        }
        if (start == MinutesPerDay)
        {
            error = $"'{text}' starts at 24:00: 24:00 can only end an interval.";
            return null;
        }
        if (end <= start)
        {
            error = $"'{text}' does not end after it starts: split an overnight interval across two days.";
            return null;
        }
        return new OpeningInterval(start, end);
    }

    private static int? ParseClock(string text)
    {
        if (text.Length != 5 || text[2] != ':'
            || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
            return null;
        if (hours == 24 && minutes == 0)
            return MinutesPerDay;
        return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
    }

    private static string Clock(int minute) =>
        string.Create(CultureInfo.InvariantCulture, $"{minute / 60:D2}:{minute % 60:D2}");
}
