using CxMonitor.Simulator.Generation;

namespace CxMonitor.Simulator.Catalog;

/// <summary>
/// A demo location. <paramref name="BaseSatisfaction"/> is the centre of the latent 0–1
/// satisfaction of its customers; <paramref name="Traffic"/> scales its share of the volume.
/// </summary>
public sealed record DemoSite(
    string Id,
    string Name,
    string TimeZoneId,
    OpeningHours Hours,
    double BaseSatisfaction,
    double Traffic,
    WeightedChoice<string> Languages)
{
    private TimeZoneInfo? _timeZone;

    // Resolved on first use so that a missing tzdata is reported as a runtime failure, not at type load.
    public TimeZoneInfo TimeZone => _timeZone ??= ResolveTimeZone(TimeZoneId);

    public DateTime LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;

    public bool IsOpen(DateTimeOffset instant) => Hours.IsOpen(LocalTime(instant));

    private static TimeZoneInfo ResolveTimeZone(string id)
    {
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            return zone;
        // tzdata before 2022b only knows Kyiv by its old spelling.
        if (id == "Europe/Kyiv" && TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Kiev", out zone))
            return zone;
        throw new InvalidOperationException($"time zone '{id}' of site is not installed; install tzdata");
    }
}
