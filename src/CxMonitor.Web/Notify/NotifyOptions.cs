using System.ComponentModel.DataAnnotations;

namespace CxMonitor.Web.Notify;

/// <summary>Bound from <c>Notify</c>: channels (where messages go) and routes (which alerts go where).</summary>
public sealed class NotifyOptions
{
    public const string Section = "Notify";

    public Dictionary<string, ChannelOptions> Channels { get; set; } = [];

    public Dictionary<string, RouteOptions> Routes { get; set; } = [];

    /// <summary>Notices for one channel, route and site within this window become one message.
    /// Critical firing notices do not wait.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan GroupingWindow { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 50;
}

public sealed class ChannelOptions
{
    /// <summary>webhook or email.</summary>
    public string Type { get; set; } = "";

    /// <summary>Webhook: where to POST.</summary>
    public Uri? Url { get; set; }

    /// <summary>Webhook: the HMAC-SHA256 key of the signature. Never logged.</summary>
    public string? Secret { get; set; }

    /// <summary>Webhook payload: cxmonitor, slack or teams.</summary>
    public string Format { get; set; } = "cxmonitor";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public bool SmtpTls { get; set; } = true;

    public string? SmtpUser { get; set; }

    /// <summary>Never logged.</summary>
    public string? SmtpPassword { get; set; }

    public string? From { get; set; }

    public List<string> To { get; set; } = [];

    /// <summary>en, ru or uk: the language of this channel's messages. An e-mail address in
    /// <see cref="To"/> that is a person's user name gets that person's own language instead.</summary>
    public string Language { get; set; } = "en";
}

public sealed class RouteOptions
{
    public List<string> Channels { get; set; } = [];

    /// <summary>Also take notices addressed to other routes when the filters below match.</summary>
    public bool CatchAll { get; set; }

    /// <summary>info, warning or critical: lower severities are not sent on this route.</summary>
    public string MinSeverity { get; set; } = "info";

    /// <summary>Only these sites (empty: all).</summary>
    public List<string> Sites { get; set; } = [];

    /// <summary>Only alerts whose rule carries these labels.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];
}
