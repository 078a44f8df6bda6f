using CxMonitor.Web.Feeds.Sources;
using CxMonitor.Web.Feeds.Sources.Json;
using CxMonitor.Web.Feeds.Sources.Syndication;

namespace CxMonitor.Web.Feeds;

/// <summary>How a configured feed's documents are read: its preset, or its own kind and mapping.</summary>
public sealed record FeedFormat(FeedSourceKind Kind, bool PushOnly, JsonReviewMapping? Json, SyndicationOptions? Syndication, string Platform)
{
    private static readonly Dictionary<string, string> PresetPlatforms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["google-business"] = "google", ["apple-appstore"] = "appstore", ["google-play-csv"] = "googleplay", ["yelp-fusion"] = "yelp",
    };

    /// <summary>The platform a preset's reviews are counted under, or null for generic presets.</summary>
    public static string? PlatformOf(string? preset) => preset is not null && PresetPlatforms.TryGetValue(preset, out var platform) ? platform : null;

    /// <summary>The format of a feed, or an error naming the setting that is wrong.</summary>
    public static FeedFormat Of(string name, FeedDefinition d)
    {
        var platform = d.Platform is { Length: > 0 } p ? p : PlatformOf(d.Preset) ?? Slug(name);
        if (d.Preset is { Length: > 0 } presetName)
        {
            if (!FeedPresets.TryGet(presetName, out var preset) || preset is null)
                throw new InvalidOperationException($"Feeds:Sources:{name}:Preset: '{presetName}' is not a preset; the presets are: {string.Join(", ", FeedPresets.Names)}.");
            if (preset.Kind == FeedSourceKind.Csv)
                throw new InvalidOperationException($"Feeds:Sources:{name}:Preset: '{presetName}' is a CSV export; import it (admin page or `cxmonitor reviews import`), it cannot be polled.");
            return new FeedFormat(preset.Kind, false, d.Mapping ?? preset.Json, d.Syndication ?? preset.Syndication, platform);
        }
        return d.Kind?.ToLowerInvariant() switch
        {
            "rss" or "atom" => new FeedFormat(FeedSourceKind.Syndication, false, null, d.Syndication ?? FeedPresets.Rss.Syndication, platform),
            "json" when d.Mapping is not null => new FeedFormat(FeedSourceKind.Json, false, d.Mapping, null, platform),
            "json" => throw new InvalidOperationException($"Feeds:Sources:{name}:Mapping: a json feed without a preset needs a mapping (List, Id, Time, Stars, Text …)."),
            "webhook" => new FeedFormat(FeedSourceKind.Json, true, null, null, platform),
            _ => throw new InvalidOperationException($"Feeds:Sources:{name}: set Preset ({string.Join(", ", FeedPresets.Names)}) or Kind (rss, atom, json, webhook)."),
        };
    }

    /// <param name="zone">The time zone of times the document writes without one.</param>
    public FeedPage Parse(string document, TimeZoneInfo? zone = null) => Kind switch
    {
        FeedSourceKind.Syndication => SyndicationParser.Parse(document, Syndication ?? new SyndicationOptions(), zone),
        FeedSourceKind.Json => JsonReviewParser.Parse(document, Json!, zone: zone),
        _ => throw new InvalidOperationException($"{Kind} documents are imported, not polled."),
    };

    private static string Slug(string name) =>
        new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
}
