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

    /// <summary>A StackExchange.Redis connection string (e.g. <c>redis:6379,password=…</c>) shared
    /// by every node: live messages go through it to walls on any node, and the data-protection
    /// keys that encrypt sign-in cookies are kept there. Empty: one node, nothing shared. A secret.</summary>
    public string? Redis { get; set; }
}
