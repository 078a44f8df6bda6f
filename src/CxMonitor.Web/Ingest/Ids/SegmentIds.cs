using System.Buffers.Binary;

namespace CxMonitor.Web.Ingest.Ids;

/// <summary>The (id hash, slot) pairs of one spool segment's ratings, in the byte form the id
/// journal writes them (<see cref="LedgerJournal"/>: 16 bytes each, after a header of their
/// latest rating time). Kept in 64 KB chunks: a segment holds some 250,000 ratings, and one
/// growing array would be a large-object allocation copied at every doubling.</summary>
internal sealed class SegmentIds
{
    public const int EntrySize = 16;
    private const int ChunkBytes = 1 << 16;
    private readonly List<byte[]> _chunks = [];
    private int _used = ChunkBytes;
    private long _latestNs = long.MinValue;

    public long Count { get; private set; }

    /// <summary>Unix ms of the latest rating, <see cref="long.MinValue"/> when there is none.</summary>
    public long LatestMs => Count == 0 ? long.MinValue : _latestNs / 1_000_000;

    public void Add(in LedgerEntry entry)
    {
        if (_used == ChunkBytes)
        {
            _chunks.Add(new byte[ChunkBytes]);
            _used = 0;
        }
        var at = _chunks[^1].AsSpan(_used, EntrySize);
        BinaryPrimitives.WriteUInt64LittleEndian(at, entry.IdHash);
        BinaryPrimitives.WriteUInt64LittleEndian(at[8..], entry.Slot);
        _used += EntrySize;
        _latestNs = Math.Max(_latestNs, entry.TimestampNs);
        Count++;
    }

    public void AddRange(List<LedgerEntry> entries)
    {
        foreach (var e in entries)
            Add(e);
    }

    /// <summary>The entries after the header, as the journal file holds them.</summary>
    public void WriteEntries(Stream into)
    {
        for (var i = 0; i < _chunks.Count; i++)
            into.Write(_chunks[i], 0, i == _chunks.Count - 1 ? _used : ChunkBytes);
    }
}
