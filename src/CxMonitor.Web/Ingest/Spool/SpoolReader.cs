using System.Globalization;

namespace CxMonitor.Web.Ingest.Spool;

/// <summary>A run of records ready for one InfluxDB request.</summary>
internal sealed record SpoolBatch(ReadOnlyMemory<byte> Body, int Lines, long Bytes, SpoolPosition End, long? NextAppendedAtMs);

/// <summary>Reads durable records in order from the checkpoint. A batch stays pending (and is
/// handed out again) until <see cref="Advance"/> confirms its delivery.</summary>
internal sealed class SpoolReader(WriteAheadSpool spool) : IDisposable
{
    private readonly byte[] _header = new byte[SpoolRecord.HeaderSize];
    private byte[] _buffer = new byte[1 << 20];
    private SpoolPosition _position = spool.Checkpoint;
    private SpoolBatch? _pending;
    private FileStream? _file;
    private long _fileSegment = -1;

    public SpoolBatch? ReadBatch(int maxLines)
    {
        if (_pending is not null)
            return _pending;
        var position = _position;
        var length = 0;
        var lines = 0;
        long bytes = 0;
        long? nextAppendedAt = null;
        while (true)
        {
            var end = spool.SegmentEnd(position.Segment);
            if (position.Offset + SpoolRecord.HeaderSize > end)
            {
                if (position.Segment >= spool.Head.Segment)
                    break;
                position = new SpoolPosition(position.Segment + 1, 0);
                continue;
            }
            var file = Open(position.Segment);
            file.Position = position.Offset;
            file.ReadExactly(_header);
            var (recordLength, _, appendedAt, lineCount) = SpoolRecord.ReadHeader(_header);
            if (lines > 0 && lines + lineCount > maxLines)
            {
                nextAppendedAt = appendedAt;
                break;
            }
            EnsureCapacity(length + recordLength + 1);
            if (length > 0)
                _buffer[length++] = (byte)'\n';
            file.ReadExactly(_buffer, length, recordLength);
            length += recordLength;
            lines += lineCount;
            bytes += SpoolRecord.HeaderSize + recordLength;
            position = new SpoolPosition(position.Segment, position.Offset + SpoolRecord.HeaderSize + recordLength);
        }
        if (lines == 0)
        {
            _position = position; // skipped empty or deleted segments
            return null;
        }
        _pending = new SpoolBatch(_buffer.AsMemory(0, length), lines, bytes, position, nextAppendedAt);
        return _pending;
    }

    public void Advance(SpoolBatch batch)
    {
        _position = batch.End;
        _pending = null;
    }

    /// <summary>Keeps a refused batch beside the spool for an operator to inspect or replay.</summary>
    public string DeadLetter(SpoolBatch batch, string error)
    {
        var folder = Path.Combine(spool.Files.Directory, "rejected");
        Directory.CreateDirectory(folder);
        var name = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{batch.End.Segment}-{batch.End.Offset}");
        var path = Path.Combine(folder, name + ".lp");
        using (var f = File.Create(path))
            f.Write(batch.Body.Span);
        File.WriteAllText(Path.Combine(folder, name + ".error.txt"), error + "\n");
        return path;
    }

    public void Dispose() => _file?.Dispose();

    private FileStream Open(long segment)
    {
        if (_fileSegment == segment && _file is not null)
            return _file;
        // Forget the old handle first: if this open fails, the next call must not reuse a closed one.
        _file?.Dispose();
        _file = null;
        _fileSegment = -1;
        _file = new FileStream(spool.Files.SegmentPath(segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        _fileSegment = segment;
        return _file;
    }

    private void EnsureCapacity(int size)
    {
        if (size > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(size, _buffer.Length * 2));
    }
}
