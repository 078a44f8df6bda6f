using System.Xml.Linq;

namespace CxMonitor.Web.Feeds.Sources.Syndication;

/// <summary>What an RSS item or an Atom entry says, in the same shape, so that checking and
/// stars reading are written once for both formats.</summary>
internal sealed record FeedEntry(
    XElement Element, string Path, string IdName, string? Id, string TimeName, string? TimeText, bool IsRfc822,
    string? Title, string? Text, string? Author, string? Url, string? Language);

/// <summary>Collects the reviews and the errors of one feed page.</summary>
internal sealed class FeedItems(SyndicationOptions options, TimeZoneInfo? zone = null)
{
    readonly List<FeedReview> _reviews = [];
    readonly List<FeedItemError> _errors = [];
    readonly StarsInText _stars = new(options.StarsPattern);
    readonly StarsSource _starsFrom = options.EffectiveStarsFrom;

    public void Add(int index, FeedEntry entry)
    {
        var path = $"{entry.Path}[{index}]";
        if (string.IsNullOrWhiteSpace(entry.Id))
        {
            _errors.Add(new(index, $"{path}.{entry.IdName}", entry.IdName == "id" ? "the entry has no id" : "the item has neither a guid nor a link"));
            return;
        }
        DateTimeOffset? time = null;
        if (!string.IsNullOrWhiteSpace(entry.TimeText))
        {
            var ok = entry.IsRfc822 ? RssDate.TryParse(entry.TimeText, out var t) : FeedTimes.TryParse(entry.TimeText, null, out t, zone);
            if (!ok)
            {
                _errors.Add(new(index, $"{path}.{entry.TimeName}", $"'{entry.TimeText.Trim()}' is not {(entry.IsRfc822 ? "an RFC 822 date" : "an RFC 3339 time")}"));
                return;
            }
            time = t;
        }
        int? stars = null;
        if (_starsFrom.HasFlag(StarsSource.Element) && options.StarsElement is { } name && Find(entry.Element, name) is { } element)
        {
            var value = element.Value.Trim() is { Length: > 0 } v ? v : (string?)element.Attribute("value") ?? "";
            stars = StarsInText.ToInt(value);
            if (stars is null)
            {
                _errors.Add(new(index, $"{path}.{name}", $"'{value}' is not a number of stars"));
                return;
            }
        }
        var title = Trim(entry.Title);
        if (stars is null && _starsFrom.HasFlag(StarsSource.Title) && _stars.Read(title) is { } inTitle)
        {
            // What was read as stars is a rating, not the reviewer's words: a title of "★☆☆☆☆" or
            // "Rated 4 out of 5: …" would otherwise show on the ticker and feed the sentiment.
            stars = inTitle.Stars;
            title = StarsInText.Without(title!, inTitle.Index, inTitle.Length);
        }
        if (stars is null && _starsFrom.HasFlag(StarsSource.Content)) stars = _stars.Find(entry.Text);
        _reviews.Add(new FeedReview(entry.Id.Trim(), time, stars, title, Trim(entry.Text), Trim(entry.Author),
            Trim(entry.Url), Trim(entry.Language)));
    }

    public FeedPage ToPage(string? nextPageUrl) => new(_reviews, _errors, null, nextPageUrl);

    static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    // "rating" matches in any namespace; "review:rating" uses the prefix the document declares;
    // "{uri}rating" names the namespace outright.
    static XElement? Find(XElement item, string name)
    {
        if (name.StartsWith('{')) return item.Element(XName.Get(name));
        var colon = name.IndexOf(':');
        if (colon < 0) return item.Elements().FirstOrDefault(e => e.Name.LocalName == name);
        var ns = item.GetNamespaceOfPrefix(name[..colon]);
        return ns is null ? null : item.Element(ns + name[(colon + 1)..]);
    }
}
