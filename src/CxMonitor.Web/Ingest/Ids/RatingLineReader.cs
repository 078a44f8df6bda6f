using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using CxMonitor.Web.Ingest.Spool;

namespace CxMonitor.Web.Ingest.Ids;

/// <summary>Reads back, from spooled line protocol, what the ledger remembers of each rating: the
/// hash of (source, id) and the point (series and timestamp). Lines of other measurements
/// (reviews) are skipped. The lines are our own (<see cref="RatingPoints"/>), so a line that does
/// not parse is skipped rather than failing the start.</summary>
/// <remarks>Every delivered segment (64 MB, some 250,000 ratings) is read once more before it is
/// deleted, so this reads in place, allocating nothing per line: with a string per tag and a
/// list per field it took a seventh of the app's CPU under load (profiled, issue 19).</remarks>
internal static class RatingLineReader
{
    private static readonly byte[] Prefix = Encoding.UTF8.GetBytes(RatingPoints.Measurement + ",");

    // Fully optimized from the first call: a segment is retired only every 64 MB, so tiered
    // compilation left this loop over a whole segment in its unoptimized tier (perf: ~3 % of the
    // app's CPU under ingest load, issue 19).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Read(ReadOnlySpan<byte> body, List<LedgerEntry> into)
    {
        char[]? chars = null;
        try
        {
            while (!body.IsEmpty)
            {
                var end = SeriesPartitions.LineEnd(body);
                var line = end < 0 ? body : body[..end];
                body = end < 0 ? default : body[(end + 1)..];
                if (line.StartsWith(Prefix) && TryRead(line, ref chars, out var entry))
                    into.Add(entry);
            }
        }
        finally
        {
            if (chars is not null)
                ArrayPool<char>.Shared.Return(chars);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryRead(ReadOnlySpan<byte> line, ref char[]? chars, out LedgerEntry entry)
    {
        entry = default;
        var keyEnd = Unescaped(line, 0, (byte)' ');
        if (keyEnd < 0)
            return false;
        var key = line[..keyEnd];
        var lastSpace = line.LastIndexOf((byte)' ');
        if (lastSpace <= keyEnd
            || !long.TryParse(line[(lastSpace + 1)..], System.Globalization.NumberStyles.None, null, out var timestamp))
            return false;
        if (!TryTagValue(key, ",source="u8, out var sourceStart, out var sourceEnd)
            || !TryStringField(line[(keyEnd + 1)..lastSpace], "id"u8, out var idStart, out var idEnd))
            return false;
        idStart += keyEnd + 1;
        idEnd += keyEnd + 1;

        // Everything as the UTF-16 text the hashes are defined over: the key as written, the
        // source and the id unescaped.
        var needed = key.Length + (sourceEnd - sourceStart) + (idEnd - idStart);
        if (chars is null || chars.Length < needed)
        {
            if (chars is not null)
                ArrayPool<char>.Shared.Return(chars);
            chars = ArrayPool<char>.Shared.Rent(Math.Max(needed, 1024));
        }
        var keyChars = Decode(key, chars, 0, escape: 0);
        var sourceChars = Decode(line[sourceStart..sourceEnd], chars, keyChars, escape: (byte)',');
        var idChars = Decode(line[idStart..idEnd], chars, keyChars + sourceChars, escape: (byte)'"');
        var series = StableHash.Of(chars.AsSpan(0, keyChars));
        var id = StableHash.Of(chars.AsSpan(keyChars, sourceChars), chars.AsSpan(keyChars + sourceChars, idChars));
        entry = new LedgerEntry(id, StableHash.Slot(series, timestamp), timestamp, -1);
        return true;
    }

    /// <summary>UTF-8 to UTF-16 at <paramref name="at"/>, dropping escaping backslashes when
    /// <paramref name="escape"/> is set: in a tag value every backslash escapes the next
    /// character (as the old reader read them); in a string field only before a quote or a
    /// backslash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Decode(ReadOnlySpan<byte> text, char[] into, int at, byte escape)
    {
        if (escape == 0 || text.IndexOf((byte)'\\') < 0)
            return Encoding.UTF8.GetChars(text, into.AsSpan(at));
        var unescaped = ArrayPool<byte>.Shared.Rent(text.Length);
        try
        {
            var n = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var b = text[i];
                if (b == (byte)'\\' && i + 1 < text.Length && (escape == (byte)',' || text[i + 1] is (byte)'"' or (byte)'\\'))
                    b = text[++i];
                unescaped[n++] = b;
            }
            return Encoding.UTF8.GetChars(unescaped.AsSpan(0, n), into.AsSpan(at));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(unescaped);
        }
    }

    /// <summary>Where the value of a tag lies in the key (up to the next unescaped comma).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryTagValue(ReadOnlySpan<byte> key, ReadOnlySpan<byte> marker, out int start, out int end)
    {
        start = end = 0;
        var at = key.IndexOf(marker);
        if (at < 0)
            return false;
        start = at + marker.Length;
        end = Unescaped(key, start, (byte)',');
        if (end < 0)
            end = key.Length;
        return true;
    }

    /// <summary>Where a quoted string field's value lies (between its quotes, still escaped),
    /// walking the field set name=value by name=value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryStringField(ReadOnlySpan<byte> fields, ReadOnlySpan<byte> name, out int start, out int end)
    {
        start = end = 0;
        var i = 0;
        while (i < fields.Length)
        {
            var equals = fields[i..].IndexOf((byte)'=');
            if (equals < 0)
                return false;
            var fieldName = fields.Slice(i, equals);
            i += equals + 1;
            if (i < fields.Length && fields[i] == (byte)'"')
            {
                var valueStart = ++i;
                for (; i < fields.Length && fields[i] != (byte)'"'; i++)
                {
                    if (fields[i] == (byte)'\\' && i + 1 < fields.Length && fields[i + 1] is (byte)'"' or (byte)'\\')
                        i++;
                }
                if (fieldName.SequenceEqual(name))
                {
                    (start, end) = (valueStart, Math.Min(i, fields.Length));
                    return true;
                }
                i++; // the closing quote
            }
            else
            {
                var comma = fields[i..].IndexOf((byte)',');
                i = comma < 0 ? fields.Length : i + comma;
            }
            i++; // the comma
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Unescaped(ReadOnlySpan<byte> line, int from, byte what)
    {
        for (var i = from; i < line.Length; i++)
        {
            if (line[i] == (byte)'\\')
                i++;
            else if (line[i] == what)
                return i;
        }
        return -1;
    }
}
