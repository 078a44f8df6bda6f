namespace CxMonitor.Web.Ingest.Spool;

/// <summary>Splits a batch of line protocol into parts that InfluxDB may write at the same time
/// without changing the outcome: every line of one series (measurement and tags) lands in the
/// same part, in its original order, so a later edit of a point still overwrites the earlier
/// one. One request at a time keeps InfluxDB on one core for parsing; two keep it on two.</summary>
/// <remarks>A record of ratings goes whole into the part with the fewest bytes, unscanned: the
/// ledger gives every rating a point of its own (decision 0004) and a resend of an id is never
/// spooled, so no line elsewhere in the spool edits a rating's point, and only its own identical
/// line (a re-delivery) may meet it. Scanning every drained byte for line ends and series took
/// 4 % of the app's CPU under ingest load (issue 19). Only the rating ingest writes rating lines,
/// a request's worth per record.</remarks>
internal static class SeriesPartitions
{
    private static readonly byte[] RatingRecord = System.Text.Encoding.UTF8.GetBytes(RatingPoints.Measurement + ",");

    /// <summary>As <see cref="Split(ReadOnlySpan{byte}, ValueTuple{byte[], int, int}[])"/>, with whole
    /// records of ratings placed without being scanned where the batch knows its records. Between
    /// parts of equal size the one from <paramref name="firstChoice"/> on is taken: a caller that
    /// turns it per batch spreads batches of one record over all its lanes.</summary>
    public static void Split(SpoolBatch batch, (byte[] Body, int Length, int Lines)[] result, int firstChoice = 0)
    {
        if (batch.Records is not { } records)
        {
            Split(batch.Body.Span, result);
            return;
        }
        var body = batch.Body.Span;
        Prepare(body.Length, result);
        foreach (var record in records)
        {
            var payload = body.Slice(record.Start, record.Length);
            if (!payload.StartsWith(RatingRecord))
            {
                SplitLines(payload, result);
                continue;
            }
            var lightest = firstChoice % result.Length;
            for (var n = 1; n < result.Length; n++)
            {
                var p = (firstChoice + n) % result.Length;
                if (result[p].Length < result[lightest].Length)
                    lightest = p;
            }
            ref var part = ref result[lightest];
            Append(ref part, payload);
            part.Lines += record.Lines;
        }
    }

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
        Prepare(body.Length, result);
        SplitLines(body, result);
    }

    private static void Prepare(int bodyLength, (byte[] Body, int Length, int Lines)[] result)
    {
        var parts = result.Length;
        for (var p = 0; p < parts; p++)
            result[p] = (result[p].Body is { } kept && kept.Length >= (bodyLength / parts) + 1024 ? kept : new byte[(bodyLength / parts) + 1024], 0, 0);
    }

    private static void SplitLines(ReadOnlySpan<byte> body, (byte[] Body, int Length, int Lines)[] result)
    {
        var parts = result.Length;
        while (!body.IsEmpty)
        {
            var end = LineEnd(body);
            var line = end < 0 ? body : body[..(end + 1)];
            body = end < 0 ? default : body[(end + 1)..];
            if (line.Length == 0 || line[0] == (byte)'\n')
                continue;
            var p = (int)((uint)SeriesHash(line) % (uint)parts);
            ref var part = ref result[p];
            Append(ref part, line);
            part.Lines++;
        }
    }

    /// <summary>Lines at the end of a part, ended by a line break.</summary>
    private static void Append(ref (byte[] Body, int Length, int Lines) part, ReadOnlySpan<byte> lines)
    {
        if (part.Length + lines.Length + 1 > part.Body.Length)
            Array.Resize(ref part.Body, Math.Max(part.Body.Length * 2, part.Length + lines.Length + 1));
        lines.CopyTo(part.Body.AsSpan(part.Length));
        part.Length += lines.Length;
        if (lines[^1] != (byte)'\n')
            part.Body[part.Length++] = (byte)'\n';
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
