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

    public static ulong Of(ReadOnlySpan<char> text) => Continue(Empty, text);

    /// <summary>The hash of the empty text, to go on from with <see cref="Continue"/>.</summary>
    public const ulong Empty = Offset;

    /// <summary>Goes on hashing: <c>Continue(Of(a), b) == Of(a + b)</c>, so a text can be hashed in
    /// parts without being put together.</summary>
    public static ulong Continue(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            hash = (hash ^ c) * Prime;
        return hash;
    }

    /// <summary>As <see cref="Continue(ulong, ReadOnlySpan{char})"/> over ASCII bytes, whose UTF-16
    /// code units are the same numbers.</summary>
    public static ulong ContinueAscii(ulong hash, ReadOnlySpan<byte> ascii)
    {
        foreach (var b in ascii)
            hash = (hash ^ b) * Prime;
        return hash;
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
