namespace CxMonitor.Web.Ingest;

/// <summary>Remembers recently stored ids (as 64-bit hashes, two generations) so resends can be
/// reported as duplicates and skipped. Only a report: correctness does not depend on it,
/// because a resent rating overwrites its own point in InfluxDB.</summary>
public sealed class RecentIds(int capacity)
{
    private readonly object _gate = new();
    private HashSet<ulong> _current = new(capacity / 2);
    private HashSet<ulong> _previous = [];

    public bool Contains(ulong id)
    {
        lock (_gate)
            return _current.Contains(id) || _previous.Contains(id);
    }

    public void AddRange(ReadOnlySpan<ulong> ids)
    {
        lock (_gate)
        {
            foreach (var id in ids)
            {
                if (_current.Count >= capacity / 2)
                {
                    _previous = _current;
                    _current = new HashSet<ulong>(capacity / 2);
                }
                _current.Add(id);
            }
        }
    }

    /// <summary>FNV-1a over the parts: stable across processes (string.GetHashCode is not).</summary>
    public static ulong Hash(string a, string b)
    {
        var h = 14695981039346656037UL;
        foreach (var c in a)
            h = (h ^ c) * 1099511628211UL;
        h = (h ^ 0x1F) * 1099511628211UL;
        foreach (var c in b)
            h = (h ^ c) * 1099511628211UL;
        return h;
    }
}
