using System.Buffers.Binary;

namespace CxMonitor.Web.Ingest.Spool;

/// <summary>A position in the spool: segment number and byte offset in it.</summary>
public readonly record struct SpoolPosition(long Segment, long Offset) : IComparable<SpoolPosition>
{
    public int CompareTo(SpoolPosition other) =>
        Segment != other.Segment ? Segment.CompareTo(other.Segment) : Offset.CompareTo(other.Offset);

    public static bool operator <(SpoolPosition a, SpoolPosition b) => a.CompareTo(b) < 0;

    public static bool operator >(SpoolPosition a, SpoolPosition b) => a.CompareTo(b) > 0;

    public static bool operator <=(SpoolPosition a, SpoolPosition b) => a.CompareTo(b) <= 0;

    public static bool operator >=(SpoolPosition a, SpoolPosition b) => a.CompareTo(b) >= 0;
}

/// <summary>On-disk record: length, CRC-32 of the payload, append time (Unix ms), line count,
/// then the payload (line protocol, lines joined by <c>\n</c>). The CRC finds a record torn by
/// a crash; such a record was never acknowledged because the fsync had not returned.</summary>
internal static class SpoolRecord
{
    public const int HeaderSize = 4 + 4 + 8 + 4;

    public static void WriteHeader(Span<byte> header, ReadOnlySpan<byte> payload, long appendedAtMs, int lineCount)
    {
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32.Compute(payload));
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], appendedAtMs);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], lineCount);
    }

    public static (int Length, uint Crc, long AppendedAtMs, int LineCount) ReadHeader(ReadOnlySpan<byte> header) => (
        BinaryPrimitives.ReadInt32LittleEndian(header),
        BinaryPrimitives.ReadUInt32LittleEndian(header[4..]),
        BinaryPrimitives.ReadInt64LittleEndian(header[8..]),
        BinaryPrimitives.ReadInt32LittleEndian(header[16..]));
}

/// <summary>CRC-32 (IEEE), here because System.IO.Hashing is a package we do not have.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
