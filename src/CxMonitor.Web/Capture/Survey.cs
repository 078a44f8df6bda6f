namespace CxMonitor.Web.Capture;

/// <summary>A public survey: its short code is the link (<c>/s/CODE</c>), the QR code and the widget's key.</summary>
public sealed record Survey(string Code, string Site, string Touchpoint, string Channel, string Scale,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt)
{
    public static readonly IReadOnlyList<string> Scales = ["nps11", "csat5"];
}
