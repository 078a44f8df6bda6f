namespace CxMonitor.Web.Ingest.Ids;

/// <summary>FNV-1a hashes that are the same in every process and after every restart
/// (string.GetHashCode is not): ids, series keys and slots are compared across restarts.</summary>
public static class StableHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>Two strings with a separator that neither can hold in a way that matters
    /// (source is a slug, so ("a", "b-c") and ("a-b", "c") stay apart).</summary>
    public static ulong Of(string a, string b) => Of(a.AsSpan(), b.AsSpan());

    public static ulong Of(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var h = Offset;
        foreach (var c in a)
            h = (h ^ c) * Prime;
        h = (h ^ 0x1F) * Prime;
        foreach (var c in b)
            h = (h ^ c) * Prime;
        return h;
    }

    public static ulong Of(ReadOnlySpan<char> text)
    {
        var h = Offset;
        foreach (var c in text)
            h = (h ^ c) * Prime;
        return h;
    }

    /// <summary>The point a rating occupies: its series and its nanosecond timestamp. Two
    /// different slots may share a hash only by a 64-bit accident, and then the second rating is
    /// merely moved to another free nanosecond: never lost.</summary>
    public static ulong Slot(ulong seriesHash, long timestampNs)
    {
        var h = (seriesHash ^ (ulong)timestampNs) * 0x9E3779B97F4A7C15UL;
        return h ^ (h >> 29);
    }
}
