using System.Xml;
using System.Xml.Linq;

namespace CxMonitor.Web.Feeds.Sources.Syndication;

/// <summary>Reads a page of an RSS 2.0 or Atom review feed. Text is kept as the feed delivers it
/// (HTML included): stripping markup belongs to ingestion, which treats every source alike.</summary>
public static class SyndicationParser
{
    static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    /// <param name="zone">The time zone of Atom times written without one (null: UTC).</param>
    public static FeedPage Parse(string xml, SyndicationOptions options, TimeZoneInfo? zone = null) =>
        Parse(Load(() => XmlReader.Create(new StringReader(xml), ReaderSettings)), options, zone);

    public static FeedPage Parse(Stream xml, SyndicationOptions options, TimeZoneInfo? zone = null) =>
        Parse(Load(() => XmlReader.Create(xml, ReaderSettings)), options, zone);

    // A DTD in a fetched document is never needed and is how XML bombs and external entities
    // get in, so it is skipped, and nothing is ever resolved over the network.
    static readonly XmlReaderSettings ReaderSettings = new() { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };

    static XDocument Load(Func<XmlReader> open)
    {
        try
        {
            using var reader = open();
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException e)
        {
            throw new FeedFormatException($"The feed is not well-formed XML: {e.Message}");
        }
    }

    static FeedPage Parse(XDocument document, SyndicationOptions options, TimeZoneInfo? zone)
    {
        var root = document.Root!;
        var items = new FeedItems(options, zone);
        if (root.Name == Atom + "feed")
        {
            var i = 0;
            foreach (var entry in root.Elements(Atom + "entry")) items.Add(i++, AtomEntry(entry));
            return items.ToPage(NextLink(root, Atom));
        }
        if (root.Name.LocalName == "rss" && root.Element("channel") is { } channel)
        {
            var language = channel.Element("language")?.Value.Trim();
            var i = 0;
            foreach (var item in channel.Elements("item")) items.Add(i++, RssItem(item, language));
            // RSS has no paging of its own; feeds that page borrow Atom's link (RFC 5005).
            return items.ToPage(NextLink(channel, Atom));
        }
        throw new FeedFormatException($"The document's root element <{root.Name.LocalName}> is neither RSS 2.0 <rss><channel> nor Atom <feed xmlns=\"{Atom}\">.");
    }

    static FeedEntry AtomEntry(XElement entry)
    {
        var content = entry.Element(Atom + "content") is { } c && c.Attribute("src") is null ? c : entry.Element(Atom + "summary");
        var updated = entry.Element(Atom + "updated") ?? entry.Element(Atom + "published");
        var link = entry.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate");
        return new FeedEntry(
            Element: entry, Path: "entry", IdName: "id", Id: entry.Element(Atom + "id")?.Value,
            TimeName: updated?.Name.LocalName ?? "updated", TimeText: updated?.Value, IsRfc822: false,
            Title: entry.Element(Atom + "title")?.Value, Text: content is null ? null : AtomText(content),
            // An entry without an author inherits the feed's in Atom, but in a review feed that is
            // the business itself, never the reviewer: better no author than a wrong one.
            Author: entry.Element(Atom + "author")?.Element(Atom + "name")?.Value,
            Url: (string?)link?.Attribute("href"),
            Language: Language(content) ?? Language(entry));
    }

    static FeedEntry RssItem(XElement item, string? channelLanguage)
    {
        var guid = item.Element("guid")?.Value;
        var link = item.Element("link")?.Value;
        var text = item.Element(Content + "encoded") ?? item.Element("description");
        return new FeedEntry(
            Element: item, Path: "item", IdName: "guid", Id: string.IsNullOrWhiteSpace(guid) ? link : guid,
            TimeName: item.Element("pubDate") is null ? "dc:date" : "pubDate",
            TimeText: item.Element("pubDate")?.Value ?? item.Element(Dc + "date")?.Value, IsRfc822: item.Element("pubDate") is not null,
            Title: item.Element("title")?.Value, Text: text?.Value,
            Author: RssAuthor(item.Element("author")?.Value) ?? item.Element(Dc + "creator")?.Value,
            Url: link?.Trim(),
            Language: Language(item) ?? item.Element(Dc + "language")?.Value ?? channelLanguage);
    }

    // Atom's xhtml content is markup inside a <div>; html and text content are already text.
    static string AtomText(XElement content) =>
        (string?)content.Attribute("type") == "xhtml" && content.Element(XNamespace.Get("http://www.w3.org/1999/xhtml") + "div") is { } div
            ? string.Concat(div.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)))
            : content.Value;

    // RSS's <author> is "email (Name)"; the name is what a person recognises.
    static string? RssAuthor(string? author)
    {
        if (author is null) return null;
        var open = author.IndexOf('(');
        return open > 0 && author.EndsWith(')') ? author[(open + 1)..^1].Trim() : author.Trim();
    }

    static string? Language(XElement? element) =>
        element?.AncestorsAndSelf().Select(e => (string?)e.Attribute(XNamespace.Xml + "lang")).FirstOrDefault(l => !string.IsNullOrEmpty(l));

    static string? NextLink(XElement parent, XNamespace ns) =>
        (string?)parent.Elements(ns + "link").FirstOrDefault(l => (string?)l.Attribute("rel") == "next")?.Attribute("href");
}
