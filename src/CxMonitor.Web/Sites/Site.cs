using System.Text.Json.Serialization;

namespace CxMonitor.Web.Sites;

/// <summary>A location that sends ratings. <see cref="Id"/> is the <c>site</c> tag in InfluxDB
/// and in API keys; <see cref="TimeZone"/> is an IANA id that decides "today" and opening hours.</summary>
public sealed record Site(string Id, string Name, string TimeZone, OpeningHours OpeningHours)
{
    /// <summary>Resolved on use: <see cref="TimeZoneInfo"/> caches system zones, and a stored
    /// zone would go stale when a <c>with</c> expression changes <see cref="TimeZone"/>.</summary>
    [JsonIgnore]
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public bool IsOpen(DateTimeOffset instant) => OpeningHours.IsOpen(instant, Zone);
}
