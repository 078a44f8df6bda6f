using System.Runtime.InteropServices;

namespace CxMonitor.Core.Alerts;

/// <summary>When each site last sent a rating, from any source and from each source, for silence
/// rules. Told of every accepted rating (issue 19): found by the rating's own site and source,
/// with no key text built for it.</summary>
internal sealed class LastHeard
{
    private readonly Dictionary<string, Site> _sites = new(StringComparer.Ordinal);

    private sealed class Site
    {
        public DateTimeOffset? Any;
        public Dictionary<string, DateTimeOffset>? BySource;
    }

    /// <summary>A rating at this time: the latest time is kept, whatever order ratings come in.</summary>
    public void Heard(string site, string? source, DateTimeOffset time)
    {
        ref var known = ref CollectionsMarshal.GetValueRefOrAddDefault(_sites, site, out _);
        var s = known ??= new Site();
        if (s.Any is not { } any || time > any)
            s.Any = time;
        if (source is null)
            return;
        s.BySource ??= new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        ref var last = ref CollectionsMarshal.GetValueRefOrAddDefault(s.BySource, source, out var seen);
        if (!seen || time > last)
            last = time;
    }

    /// <summary>What the store says of a site's last rating, as it is.</summary>
    public void Set(string site, DateTimeOffset time)
    {
        ref var known = ref CollectionsMarshal.GetValueRefOrAddDefault(_sites, site, out _);
        (known ??= new Site()).Any = time;
    }

    /// <summary>The site's last rating from any source (<paramref name="source"/> null) or from that source.</summary>
    public bool TryGet(string site, string? source, out DateTimeOffset last)
    {
        last = default;
        if (!_sites.TryGetValue(site, out var s))
            return false;
        if (source is null)
        {
            if (s.Any is not { } any)
                return false;
            last = any;
            return true;
        }
        return s.BySource is not null && s.BySource.TryGetValue(source, out last);
    }
}
