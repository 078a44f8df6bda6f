using System.Globalization;

namespace CxMonitor.Web.Ingest.Spool;

/// <summary>A run of records ready for one InfluxDB request; <paramref name="Records"/> says where
/// each record's lines lie in the body (none: not known, every line is looked at).</summary>
internal sealed record SpoolBatch(ReadOnlyMemory<byte> Body, int Lines, long Bytes, SpoolPosition End, long? NextAppendedAtMs, SpooledRecord[]? Records = null);

/// <summary>One record's payload in a batch's body: where it starts, its length and line count.</summary>
internal readonly record struct SpooledRecord(int Start, int Length, int Lines);

/// <summary>Reads durable records in order from the checkpoint. A batch stays pending (and is
/// handed out again) until <see cref="Advance"/> confirms its delivery.</summary>
internal sealed class SpoolReader(WriteAheadSpool spool) : IDisposable
{
    private readonly byte[] _header = new byte[SpoolRecord.HeaderSize];
    private readonly List<SpooledRecord> _records = [];
    private byte[] _buffer = new byte[1 << 20];
    private SpoolPosition _position = spool.Checkpoint;
    private SpoolBatch? _pending;
    private FileStream? _file;
    private long _fileSegment = -1;

    /// <summary>Where delivery stands: the end of the last batch confirmed by <see cref="Advance"/>.</summary>
    public SpoolPosition Position => _position;

    /// <summary>True while a batch handed out by <see cref="ReadBatch"/> waits for its delivery.</summary>
    public bool HasPending => _pending is not null;

    public SpoolBatch? ReadBatch(int maxLines)
    {
        if (_pending is not null)
            return _pending;
        var (batch, skippedTo) = Read(_position, maxLines);
        if (batch is null)
            _position = skippedTo; // skipped empty or deleted segments
        return _pending = batch;
    }

    /// <summary>The batch that starts at <paramref name="from"/>, ahead of delivery (nothing is
    /// pending then). Its body is valid only until the next read: it is the reader's buffer.</summary>
    public SpoolBatch? ReadAhead(SpoolPosition from, int maxLines)
    {
        if (_pending is not null)
            throw new InvalidOperationException("A batch handed out by ReadBatch is still pending.");
        return Read(from, maxLines).Batch;
    }

    private (SpoolBatch? Batch, SpoolPosition SkippedTo) Read(SpoolPosition from, int maxLines)
    {
        var position = from;
        var length = 0;
        var lines = 0;
        long bytes = 0;
        long? nextAppendedAt = null;
        _records.Clear();
        while (true)
        {
            var end = spool.SegmentEnd(position.Segment);
            if (position.Offset + SpoolRecord.HeaderSize > end)
            {
                // A full batch ends with its segment: looking at the next record's header would
                // open the next segment for nothing.
                if (position.Segment >= spool.Head.Segment || lines >= maxLines)
                    break;
                position = new SpoolPosition(position.Segment + 1, 0);
                continue;
            }
            FileStream file;
            try
            {
                file = Open(position.Segment);
                file.Position = position.Offset;
                file.ReadExactly(_header);
            }
            catch (Exception) when (lines > 0)
            {
                // What is read already goes out; the next read meets this error on its own
                // (a batch read again after a failed delivery must not be held back by the
                // segment after it).
                break;
            }
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
            _records.Add(new SpooledRecord(length, recordLength, lineCount));
            length += recordLength;
            lines += lineCount;
            bytes += SpoolRecord.HeaderSize + recordLength;
            position = new SpoolPosition(position.Segment, position.Offset + SpoolRecord.HeaderSize + recordLength);
        }
        if (lines == 0)
            return (null, position);
        return (new SpoolBatch(_buffer.AsMemory(0, length), lines, bytes, position, nextAppendedAt, [.. _records]), position);
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
