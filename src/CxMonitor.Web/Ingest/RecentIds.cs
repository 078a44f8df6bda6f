namespace CxMonitor.Web.Ingest;

/// <summary>Remembers recently stored ids (as 64-bit hashes, two generations) so resends are
/// reported as duplicates and skipped. Saved at shutdown and loaded at start, so a restart does
/// not forget them. Ratings that carry their own <c>time</c> do not depend on it: a resend
/// overwrites its own point in InfluxDB (decision 0004). Only a rating without <c>time</c> (the
/// server stamps it) relies on this memory, and so only within its window and across graceful
/// restarts.</summary>
public sealed class RecentIds(int capacity)
{
    private readonly object _gate = new();
    private HashSet<ulong> _current = new(Math.Min(capacity / 2, 1 << 16));
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

    public void Save(string path)
    {
        ulong[] ids;
        lock (_gate)
            ids = [.. _previous, .. _current];
        var tmp = path + ".tmp";
        using (var file = new BinaryWriter(File.Create(tmp)))
        {
            foreach (var id in ids)
                file.Write(id);
        }
        File.Move(tmp, path, overwrite: true);
    }

    public void Load(string path)
    {
        if (!File.Exists(path))
            return;
        var bytes = File.ReadAllBytes(path);
        var ids = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(bytes.AsSpan(0, bytes.Length - (bytes.Length % 8)));
        AddRange(ids);
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
