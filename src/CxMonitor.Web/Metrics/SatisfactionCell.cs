namespace CxMonitor.Web.Metrics;

/// <summary>The finest grain the jobs aggregate in InfluxDB: one site, channel and touchpoint
/// (empty when a rating named none). Every scope is a sum of cells, because every figure is
/// stored as counts and sums.</summary>
public readonly record struct SatisfactionCell(string Site, string Channel, string Touchpoint);

/// <summary>What a snapshot is about: everything, or one dimension value, or a site's touchpoint.</summary>
public readonly record struct SatisfactionScope(string Kind, string Value)
{
    public static readonly SatisfactionScope All = new("all", string.Empty);

    public static SatisfactionScope Site(string site) => new("site", site);

    public static SatisfactionScope Channel(string channel) => new("channel", channel);

    public static SatisfactionScope Touchpoint(string touchpoint) => new("touchpoint", touchpoint);

    public static SatisfactionScope SiteTouchpoint(string site, string touchpoint) => new("site-touchpoint", $"{site}/{touchpoint}");

    /// <summary>Text form used in URLs and messages: <c>all</c>, <c>site:ID</c>, <c>channel:web</c>,
    /// <c>touchpoint:checkout</c>, <c>site-touchpoint:ID/checkout</c>.</summary>
    public override string ToString() => Kind == "all" ? "all" : $"{Kind}:{Value}";

    public static bool TryParse(string? text, out SatisfactionScope scope)
    {
        scope = All;
        if (string.IsNullOrWhiteSpace(text) || text == "all")
            return text is not null;
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            return false;
        var kind = text[..colon];
        var value = text[(colon + 1)..];
        // A control character (CR, NUL, …) is no site or channel name, and InfluxDB refuses it in a query.
        if (value.Any(char.IsControl))
            return false;
        if (kind is not ("site" or "channel" or "touchpoint" or "site-touchpoint"))
            return false;
        if (kind == "site-touchpoint" && value.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
            return false;
        scope = new SatisfactionScope(kind, value);
        return true;
    }

    /// <summary>The scopes a cell contributes to.</summary>
    public static IEnumerable<SatisfactionScope> Of(SatisfactionCell cell)
    {
        yield return All;
        yield return Site(cell.Site);
        if (cell.Channel.Length > 0)
            yield return Channel(cell.Channel);
        if (cell.Touchpoint.Length > 0)
        {
            yield return Touchpoint(cell.Touchpoint);
            yield return SiteTouchpoint(cell.Site, cell.Touchpoint);
        }
    }
}
