using CxMonitor.Web.Feeds.Sources;
using CxMonitor.Web.Feeds.Sources.Csv;
using CxMonitor.Web.Feeds.Sources.Json;
using CxMonitor.Web.Feeds.Sources.Syndication;

namespace CxMonitor.Web.Feeds;

/// <summary>Review feeds, by name (<c>Feeds:Sources:&lt;name&gt;</c>), and how polling behaves.</summary>
public sealed class FeedsOptions
{
    public const string Section = "Feeds";

    public Dictionary<string, FeedDefinition> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>CSV mappings of one's own for imports, by name, beside the presets.</summary>
    public Dictionary<string, CsvReviewMapping> CsvMappings { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Pages read per poll; a longer feed goes on from its cursor at the next poll.</summary>
    public int MaxPagesPerPoll { get; set; } = 10;

    /// <summary>First wait after a 429 or 5xx; doubles with each failure in a row.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest CSV upload (bytes) the import endpoint takes.</summary>
    public long MaxImportBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}

/// <summary>One feed: a preset (or a kind with its own mapping), where to read it, which site its
/// reviews belong to and under which platform name they are counted.</summary>
public sealed class FeedDefinition
{
    /// <summary>A name from <see cref="FeedPresets"/>; or leave it empty and set <see cref="Kind"/>.</summary>
    public string? Preset { get; set; }

    /// <summary>rss, atom, json or webhook (push only: nothing is polled).</summary>
    public string? Kind { get; set; }

    public string? Url { get; set; }

    public string Site { get; set; } = "";

    /// <summary>Defaults to the preset's platform. The same review read from two feeds of one
    /// platform is counted once.</summary>
    public string? Platform { get; set; }

    public TimeSpan Every { get; set; } = TimeSpan.FromMinutes(15);

    public bool Enabled { get; set; } = true;

    /// <summary>Sent with every request (an API's Authorization header); never logged or shown.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The query parameter that carries a next-page token (Google: pageToken).</summary>
    public string PageTokenParameter { get; set; } = "pageToken";

    /// <summary>The shared secret a pushing platform signs with (webhook feeds).</summary>
    public string? Secret { get; set; }

    /// <summary>A JSON mapping of one's own, or changes to the preset's.</summary>
    public JsonReviewMapping? Mapping { get; set; }

    public SyndicationOptions? Syndication { get; set; }

    /// <summary>An IANA id: where the feed's times without a zone were read off a clock (Yelp's
    /// <c>time_created</c> is the business's local time). Unset: the time zone of <see cref="Site"/>.</summary>
    public string? TimeZone { get; set; }
}
