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
}
