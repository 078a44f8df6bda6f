namespace CxMonitor.Web.Feeds.Sources.Syndication;

/// <summary>Where a feed keeps the stars of a review. Several may be set: they are tried in the
/// order element, title, content, and the first that yields a number wins.</summary>
[Flags]
public enum StarsSource
{
    None = 0,
    Element = 1,
    Title = 2,
    Content = 4,
}

/// <summary>How to read one RSS 2.0 or Atom feed of reviews.</summary>
public sealed class SyndicationOptions
{
    /// <summary>An element of the item holding the number: <c>rating</c> (any namespace),
    /// <c>review:rating</c> (the prefix as the document declares it) or
    /// <c>{http://example.com/ns}rating</c>. Setting it implies <see cref="StarsSource.Element"/>.</summary>
    public string? StarsElement { get; init; }

    public StarsSource StarsFrom { get; init; } = StarsSource.None;

    /// <summary>A regular expression with a named group <c>stars</c>, tried on the title and the
    /// text before the built-in patterns ("Rated 4 out of 5", "4/5", "4 stars", "★★★★☆",
    /// "Оценка 4 из 5", "Оцінка 4 з 5").</summary>
    public string? StarsPattern { get; init; }

    internal StarsSource EffectiveStarsFrom =>
        StarsElement is null ? StarsFrom : StarsFrom | StarsSource.Element;
}
