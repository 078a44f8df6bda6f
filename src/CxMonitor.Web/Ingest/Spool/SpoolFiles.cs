using System.Globalization;

namespace CxMonitor.Web.Ingest.Spool;

/// <summary>What recovery found on disk: where delivery resumes, where appends go, and the
/// backlog between them.</summary>
internal sealed record SpoolRecovery(SpoolPosition Checkpoint, long NextSegment, long BacklogBytes, long BacklogLines, long? OldestAppendedAtMs, IReadOnlyDictionary<long, long> SegmentEnds);

/// <summary>Segment files (<c>000000000001.wal</c>), the checkpoint, and crash recovery.</summary>
internal sealed class SpoolFiles(string directory)
{
    private const string CheckpointName = "checkpoint";

    public string Directory { get; } = directory;

    public string SegmentPath(long segment) => Path.Combine(Directory, segment.ToString("D12", CultureInfo.InvariantCulture) + ".wal");

    public IReadOnlyList<long> Segments() => System.IO.Directory.EnumerateFiles(Directory, "*.wal")
        .Select(f => long.TryParse(Path.GetFileNameWithoutExtension(f), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
        .Where(n => n >= 0).Order().ToList();

    public SpoolPosition ReadCheckpoint()
    {
        var path = Path.Combine(Directory, CheckpointName);
        if (!File.Exists(path))
            return new SpoolPosition(0, 0);
        var parts = File.ReadAllText(path).Trim().Split(' ');
        return new SpoolPosition(long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Atomic replace without fsync: losing a checkpoint only re-delivers points, and
    /// re-delivery overwrites them in InfluxDB (same series and timestamp).</summary>
    public void WriteCheckpoint(SpoolPosition position)
    {
        var tmp = Path.Combine(Directory, CheckpointName + ".tmp");
        File.WriteAllText(tmp, string.Create(CultureInfo.InvariantCulture, $"{position.Segment} {position.Offset}\n"));
        File.Move(tmp, Path.Combine(Directory, CheckpointName), overwrite: true);
    }

    /// <summary>Deletes the delivered segments; each is first handed to <paramref name="retire"/>
    /// (the rating ledger keeps its ids), and one that could not be retired stays for the next
    /// delivery or start to retry.</summary>
    public void DeleteSegmentsBefore(long segment, Func<long, bool>? retire = null)
    {
        foreach (var s in Segments().Where(s => s < segment))
        {
            if (retire is null || retire(s))
                File.Delete(SegmentPath(s));
        }
    }

    /// <summary>The payloads of a segment's intact records with their append times, in order (a
    /// torn tail ends it). Each payload is valid only until the next one is read: they share one
    /// pooled buffer (a record is a whole request, often past the large-object threshold).</summary>
    public IEnumerable<(ReadOnlyMemory<byte> Payload, long AppendedAtMs)> ReadPayloads(long segment)
    {
        using var file = new FileStream(SegmentPath(segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        var header = new byte[SpoolRecord.HeaderSize];
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long offset = 0;
            while (offset + SpoolRecord.HeaderSize <= file.Length)
            {
                file.Position = offset;
                file.ReadExactly(header);
                var (length, crc, appendedAt, _) = SpoolRecord.ReadHeader(header);
                if (length < 0 || offset + SpoolRecord.HeaderSize + length > file.Length)
                    yield break;
                if (buffer.Length < length)
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                    buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
                }
                file.ReadExactly(buffer, 0, length);
                if (Crc32.Compute(buffer.AsSpan(0, length)) != crc)
                    yield break;
                offset += SpoolRecord.HeaderSize + length;
                yield return (buffer.AsMemory(0, length), appendedAt);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Validates every record after the checkpoint, cuts a torn tail off the last
    /// segment, and measures the backlog.</summary>
    public SpoolRecovery Recover()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var checkpoint = ReadCheckpoint();
        var segments = Segments();
        var ends = new Dictionary<long, long>();
        long bytes = 0, lines = 0;
        long? oldest = null;
        var header = new byte[SpoolRecord.HeaderSize];
        foreach (var segment in segments.Where(s => s >= checkpoint.Segment))
        {
            using var file = new FileStream(SegmentPath(segment), FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            long offset = segment == checkpoint.Segment ? checkpoint.Offset : 0;
            var valid = offset;
            while (offset + SpoolRecord.HeaderSize <= file.Length)
            {
                file.Position = offset;
                file.ReadExactly(header);
                var (length, crc, appendedAt, lineCount) = SpoolRecord.ReadHeader(header);
                if (length < 0 || offset + SpoolRecord.HeaderSize + length > file.Length)
                    break;
                var payload = new byte[length];
                file.ReadExactly(payload);
                if (Crc32.Compute(payload) != crc)
                    break;
                offset += SpoolRecord.HeaderSize + length;
                valid = offset;
                bytes += SpoolRecord.HeaderSize + length;
                lines += lineCount;
                oldest ??= appendedAt;
            }
            if (valid < file.Length)
                file.SetLength(valid); // torn by a crash before its fsync returned: never acknowledged
            ends[segment] = valid;
        }
        if (checkpoint.Segment == 0 && segments.Count > 0)
            checkpoint = new SpoolPosition(segments[0], 0);
        var next = segments.Count == 0 ? Math.Max(1, checkpoint.Segment) : segments[^1] + 1;
        if (checkpoint.Segment == 0)
            checkpoint = new SpoolPosition(next, 0);
        return new SpoolRecovery(checkpoint, next, bytes, lines, oldest, ends);
    }
}
