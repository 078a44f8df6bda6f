using System.Text;
using CxMonitor.Web.Ingest.Spool;

namespace CxMonitor.Web.Ingest.Ids;

/// <summary>Reads back, from spooled line protocol, what the ledger remembers of each rating: the
/// hash of (source, id) and the point (series and timestamp). Lines of other measurements
/// (reviews) are skipped. The lines are our own (<see cref="RatingPoints"/>), so a line that does
/// not parse is skipped rather than failing the start.</summary>
internal static class RatingLineReader
{
    private static readonly byte[] Prefix = Encoding.UTF8.GetBytes(RatingPoints.Measurement + ",");

    public static void Read(ReadOnlySpan<byte> body, List<LedgerEntry> into)
    {
        while (!body.IsEmpty)
        {
            var end = SeriesPartitions.LineEnd(body);
            var line = end < 0 ? body : body[..end];
            body = end < 0 ? default : body[(end + 1)..];
            if (line.StartsWith(Prefix) && TryRead(line, out var entry))
                into.Add(entry);
        }
    }

    private static bool TryRead(ReadOnlySpan<byte> line, out LedgerEntry entry)
    {
        entry = default;
        var keyEnd = Unescaped(line, 0, (byte)' ');
        if (keyEnd < 0)
            return false;
        var key = Encoding.UTF8.GetString(line[..keyEnd]);
        var source = TagValue(key, "source");
        var lastSpace = line.LastIndexOf((byte)' ');
        if (source is null || lastSpace <= keyEnd
            || !long.TryParse(line[(lastSpace + 1)..], System.Globalization.NumberStyles.None, null, out var timestamp))
            return false;
        var id = StringField(line[(keyEnd + 1)..lastSpace], "id"u8);
        if (id is null)
            return false;
        entry = new LedgerEntry(StableHash.Of(source, id), StableHash.Slot(StableHash.Of(key), timestamp), timestamp, -1);
        return true;
    }

    private static string? TagValue(string key, string name)
    {
        var at = key.IndexOf("," + name + "=", StringComparison.Ordinal);
        if (at < 0)
            return null;
        var start = at + name.Length + 2;
        var value = new StringBuilder();
        for (var i = start; i < key.Length; i++)
        {
            if (key[i] == '\\' && i + 1 < key.Length)
                value.Append(key[++i]);
            else if (key[i] == ',')
                break;
            else
                value.Append(key[i]);
        }
        return value.ToString();
    }

    /// <summary>Walks the field set (name=value pairs, strings quoted with \" and \\ escaped).</summary>
    private static string? StringField(ReadOnlySpan<byte> fields, ReadOnlySpan<byte> name)
    {
        var i = 0;
        while (i < fields.Length)
        {
            var equals = fields[i..].IndexOf((byte)'=');
            if (equals < 0)
                return null;
            var fieldName = fields.Slice(i, equals);
            i += equals + 1;
            if (i < fields.Length && fields[i] == (byte)'"')
            {
                var value = new List<byte>();
                for (i++; i < fields.Length && fields[i] != (byte)'"'; i++)
                {
                    if (fields[i] == (byte)'\\' && i + 1 < fields.Length && fields[i + 1] is (byte)'"' or (byte)'\\')
                        i++;
                    value.Add(fields[i]);
                }
                i++; // the closing quote
                if (fieldName.SequenceEqual(name))
                    return Encoding.UTF8.GetString(value.ToArray());
            }
            else
            {
                while (i < fields.Length && fields[i] != (byte)',')
                    i++;
            }
            i++; // the comma
        }
        return null;
    }

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
