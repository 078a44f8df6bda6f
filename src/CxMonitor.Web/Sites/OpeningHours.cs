using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace CxMonitor.Web.Sites;

public sealed record OpeningHoursError(string Day, string Message)
{
    public override string ToString() => $"{Day}: {Message}";
}

/// <summary>A site's weekly opening hours in its local time, e.g.
/// <c>{"Mon": "09:00-21:00", "Sat": "09:00-13:00,14:00-18:00", "Sun": "closed"}</c>.
/// A missing weekday is closed; <c>00:00-24:00</c> is open all day.</summary>
[JsonConverter(typeof(OpeningHoursJsonConverter))]
public sealed class OpeningHours : IEquatable<OpeningHours>
{
    public const string ClosedText = "closed";

    // Indexed by DayOfWeek (Sunday = 0); printed Monday first, as people read a week.
    private static readonly string[] s_shortNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly DayOfWeek[] s_weekFromMonday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private readonly OpeningInterval[][] _days;

    private OpeningHours(OpeningInterval[][] days) => _days = days;

    public static OpeningHours AlwaysClosed { get; } = new(Enumerable.Range(0, 7).Select(_ => Array.Empty<OpeningInterval>()).ToArray());

    public IReadOnlyList<OpeningInterval> On(DayOfWeek day) => _days[(int)day];

    /// <summary>Whether the site is open at an instant: the instant becomes local wall-clock time
    /// first, so DST days (23 or 25 hours long) need no special case.</summary>
    public bool IsOpen(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        foreach (var interval in _days[(int)local.DayOfWeek])
        {
            if (interval.Contains(local.TimeOfDay))
                return true;
        }
        return false;
    }

    public static OpeningHours Parse(IReadOnlyDictionary<string, string?> week) =>
        TryParse(week, out var hours, out var errors) ? hours : throw new FormatException(string.Join(" ", errors));

    public static bool TryParse(
        IReadOnlyDictionary<string, string?> week,
        [NotNullWhen(true)] out OpeningHours? hours,
        out IReadOnlyList<OpeningHoursError> errors)
    {
        var days = Enumerable.Range(0, 7).Select(_ => Array.Empty<OpeningInterval>()).ToArray();
        var seen = new string?[7];
        var problems = new List<OpeningHoursError>();
        foreach (var (key, text) in week)
        {
            if (DayOf(key) is not { } day)
            {
                problems.Add(new(key, $"'{key}' is not a weekday: use Mon, Tue, Wed, Thu, Fri, Sat or Sun."));
                continue;
            }
            if (seen[(int)day] is { } earlier)
            {
                problems.Add(new(key, $"{s_shortNames[(int)day]} is given twice ('{earlier}' and '{key}')."));
                continue;
            }
            seen[(int)day] = key;
            if (ParseDay(text, out var error) is { } intervals)
                days[(int)day] = intervals;
            else
                problems.Add(new(key, error!));
        }
        errors = problems;
        hours = problems.Count == 0 ? new OpeningHours(days) : null;
        return hours is not null;
    }

    /// <summary>Every weekday from Monday, closed days as <c>closed</c>: the text that parses back.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() => s_weekFromMonday.ToDictionary(
        d => s_shortNames[(int)d],
        d => _days[(int)d].Length == 0 ? ClosedText : string.Join(',', _days[(int)d]));

    public bool Equals(OpeningHours? other) =>
        other is not null && _days.Zip(other._days).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second));

    public override bool Equals(object? obj) => Equals(obj as OpeningHours);

    public override int GetHashCode() => string.Join(';', ToDictionary().Values).GetHashCode(StringComparison.Ordinal);

    public override string ToString() => string.Join(", ", ToDictionary().Select(d => $"{d.Key} {d.Value}"));

    private static OpeningInterval[]? ParseDay(string? text, out string? error)
    {
        error = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Equals(ClosedText, StringComparison.OrdinalIgnoreCase))
            return [];
        if (trimmed.Length == 0)
        {
            error = "no hours given: write HH:mm-HH:mm intervals separated by commas, '00:00-24:00' for all day, or 'closed'.";
            return null;
        }
        var intervals = new List<OpeningInterval>();
        foreach (var part in trimmed.Split(',', StringSplitOptions.TrimEntries))
        {
            if (OpeningInterval.TryParse(part, out error) is not { } interval)
                return null;
            intervals.Add(interval);
        }
        intervals.Sort((a, b) => a.StartMinute.CompareTo(b.StartMinute));
        for (var i = 1; i < intervals.Count; i++)
        {
            if (intervals[i].StartMinute < intervals[i - 1].EndMinute)
            {
                error = $"'{intervals[i - 1]}' and '{intervals[i]}' overlap in '{trimmed}'.";
                return null;
            }
        }
        return intervals.ToArray();
    }

    private static DayOfWeek? DayOf(string key)
    {
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            if (key.Equals(s_shortNames[(int)day], StringComparison.OrdinalIgnoreCase)
                || key.Equals(day.ToString(), StringComparison.OrdinalIgnoreCase))
                return day;
        }
        return null;
    }
}
