using System.ComponentModel.DataAnnotations;

namespace CxMonitor.Web.Alerts;

/// <summary>Bound from <c>Alerts</c>.</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>The rule files' folder; empty: <c>alerts/</c> beside the binary.</summary>
    public string? Directory { get; set; }

    /// <summary>Base address of the console in notifications (e.g. https://cx.example.com).</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Event, burst and review-spike rules act on ratings and reviews at most this old
    /// when they arrive; older ones (back-filled, imported, late) count in the figures only.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Alerts:EventMaxAge must be between 1 second and 7 days.")]
    public TimeSpan EventMaxAge { get; set; } = TimeSpan.FromMinutes(15);
}
