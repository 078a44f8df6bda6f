using System.ComponentModel.DataAnnotations;

namespace CxMonitor.Web.Live;

/// <summary>Bound from <c>Live</c>.</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>Rating activity per scope is pushed at most this often.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:10")]
    public TimeSpan ActivityFlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often open connections are checked against revoked keys, display tokens and
    /// ended sessions; a revoked one is closed by the next check.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:10")]
    public TimeSpan RevocationCheckInterval { get; set; } = TimeSpan.FromSeconds(2);
}
