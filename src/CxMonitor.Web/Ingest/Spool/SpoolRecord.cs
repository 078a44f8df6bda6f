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

/// <summary>On-disk record: length, CRC-32C of the payload, append time (Unix ms), line count,
/// then the payload (line protocol, lines joined by <c>\n</c>). The CRC-32C finds a record torn by
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

/// <summary>CRC-32C (Castagnoli) with the CPU's CRC instruction where there is one: the spool
/// checksums every byte it writes and reads back, so this is on the ingest hot path.</summary>
internal static class Crc32
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        while (data.Length >= 8)
        {
            crc = System.Numerics.BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }
        foreach (var b in data)
            crc = System.Numerics.BitOperations.Crc32C(crc, b);
        return ~crc;
    }
}
