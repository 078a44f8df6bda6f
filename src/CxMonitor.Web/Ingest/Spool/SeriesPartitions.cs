namespace CxMonitor.Web.Ingest.Spool;

/// <summary>Splits a batch of line protocol into parts that InfluxDB may write at the same time
/// without changing the outcome: every line of one series (measurement and tags) lands in the
/// same part, in its original order, so a later edit of a point still overwrites the earlier
/// one. One request at a time keeps InfluxDB on one core for parsing; two keep it on two.</summary>
internal static class SeriesPartitions
{
    public static (byte[] Body, int Length, int Lines)[] Split(ReadOnlySpan<byte> body, int parts)
    {
        var result = new (byte[] Body, int Length, int Lines)[parts];
        Split(body, result);
        return result;
    }

    /// <summary>Into parts whose buffers are kept from the last batch (the drainer's: a new
    /// half-megabyte array per part and batch was a large-object allocation, issue 19).</summary>
    public static void Split(ReadOnlySpan<byte> body, (byte[] Body, int Length, int Lines)[] result)
    {
        var parts = result.Length;
        for (var p = 0; p < parts; p++)
            result[p] = (result[p].Body is { } kept && kept.Length >= (body.Length / parts) + 1024 ? kept : new byte[(body.Length / parts) + 1024], 0, 0);
        while (!body.IsEmpty)
        {
            var end = LineEnd(body);
            var line = end < 0 ? body : body[..(end + 1)];
            body = end < 0 ? default : body[(end + 1)..];
            if (line.Length == 0 || line[0] == (byte)'\n')
                continue;
            var p = (int)((uint)SeriesHash(line) % (uint)parts);
            ref var part = ref result[p];
            if (part.Length + line.Length + 1 > part.Body.Length)
                Array.Resize(ref part.Body, Math.Max(part.Body.Length * 2, part.Length + line.Length + 1));
            line.CopyTo(part.Body.AsSpan(part.Length));
            part.Length += line.Length;
            if (line[^1] != (byte)'\n')
                part.Body[part.Length++] = (byte)'\n';
            part.Lines++;
        }
    }

    /// <summary>Where the line ends: the first line break outside a quoted string field (review
    /// texts and comments may hold line breaks), found the way InfluxDB's own scanner does.</summary>
    internal static int LineEnd(ReadOnlySpan<byte> body)
    {
        var fields = false;
        var quoted = false;
        int equals = 0, commas = 0;
        var special = Special;
        for (var i = 0; i < body.Length; i++)
        {
            // Bytes other than these six change nothing below; skip them in a tight loop (this
            // runs over every byte drained and every byte of a retired segment).
            while (special[body[i]] == 0)
            {
                if (++i == body.Length)
                    return -1;
            }
            var b = body[i];
            if (b == (byte)'\\' && i + 2 < body.Length)
            {
                i++;
                continue;
            }
            if (b == (byte)' ')
                fields = true;
            if (fields)
            {
                if (!quoted && b == (byte)'=')
                {
                    equals++;
                    continue;
                }
                if (!quoted && b == (byte)',')
                {
                    commas++;
                    continue;
                }
                if (b == (byte)'"' && equals > commas)
                {
                    quoted = !quoted;
                    continue;
                }
            }
            if (b == (byte)'\n' && !quoted)
                return i;
        }
        return -1;
    }

    private static ReadOnlySpan<byte> Special => [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // '\n'
        1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, // ' ' '"' ',' '='
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, // '\\'
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    /// <summary>FNV-1a over the series key: the line up to its first unescaped space.</summary>
    private static int SeriesHash(ReadOnlySpan<byte> line)
    {
        var hash = 2166136261u;
        for (var i = 0; i < line.Length; i++)
        {
            var b = line[i];
            if (b == (byte)'\\' && i + 1 < line.Length)
            {
                hash = (hash ^ b) * 16777619u;
                b = line[++i];
            }
            else if (b == (byte)' ')
            {
                break;
            }
            hash = (hash ^ b) * 16777619u;
        }
        return (int)hash;
    }
}
