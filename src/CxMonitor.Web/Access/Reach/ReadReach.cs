using CxMonitor.Web.Metrics;

namespace CxMonitor.Web.Access.Reach;

/// <summary>What a caller may read: people (of any role; the endpoint's policy decides the
/// rest) and all-sites keys read everything; a key of some sites reads those sites' scopes and
/// alerts; a wall screen reads the scopes on its board and the alerts of the sites they name
/// (every alert when its board shows <c>all</c>).</summary>
public sealed class ReadReach
{
    public static readonly ReadReach Everything = new(true, new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), true);

    private ReadReach(bool all, IReadOnlySet<string> sites, IReadOnlySet<string> scopes, IReadOnlySet<string> alertSites, bool allAlerts)
    {
        All = all;
        Sites = sites;
        Scopes = scopes;
        AlertSites = alertSites;
        AllAlerts = allAlerts;
    }

    /// <summary>Everything: no filter applies.</summary>
    public bool All { get; }

    /// <summary>Sites every scope of which may be read (a key's sites).</summary>
    public IReadOnlySet<string> Sites { get; }

    /// <summary>Exact scopes that may be read (a screen's tiles).</summary>
    public IReadOnlySet<string> Scopes { get; }

    /// <summary>Sites whose alerts may be read.</summary>
    public IReadOnlySet<string> AlertSites { get; }

    /// <summary>Every site's alerts (a screen whose board shows <c>all</c>).</summary>
    public bool AllAlerts { get; }

    public static ReadReach OfKey(IEnumerable<string> sites)
    {
        var set = new HashSet<string>(sites, StringComparer.Ordinal);
        return new ReadReach(false, set, new HashSet<string>(), set, false);
    }

    public static ReadReach OfScreen(IEnumerable<SatisfactionScope> scopes)
    {
        var list = scopes.ToList();
        var alertSites = list.Select(SiteOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return new ReadReach(false, new HashSet<string>(), list.Select(s => s.ToString()).ToHashSet(StringComparer.Ordinal), alertSites, list.Contains(SatisfactionScope.All));
    }

    /// <summary>A scope in its text form (<see cref="SatisfactionScope.ToString"/>).</summary>
    public bool CanRead(SatisfactionScope scope) =>
        All || Scopes.Contains(scope.ToString()) || (SiteOf(scope) is { } site && Sites.Contains(site));

    /// <summary>An alert, by the site its scope names (null for <c>all</c>, channel and touchpoint scopes).</summary>
    public bool CanReadAlert(string? site) => All || AllAlerts || (site is not null && AlertSites.Contains(site));

    public static string? SiteOf(SatisfactionScope scope) => scope.Kind switch
    {
        "site" => scope.Value,
        "site-touchpoint" => scope.Value.Split('/')[0],
        _ => null,
    };
}
