using System.Buffers.Binary;
using System.Globalization;
using CxMonitor.Web.Ingest.Spool;

namespace CxMonitor.Web.Ingest.Ids;

/// <summary>Keeps the ledger's memory across any restart, kill -9 included, at no cost to the
/// request path: while a rating's spool segment exists, the segment itself holds its id and
/// point; before a delivered segment is deleted, its ratings' (id hash, slot) pairs are written
/// to <c>spool/ids/NNNNNNNNNNNN.ids</c> (after an 8-byte header: their latest rating time) and
/// fsynced. Files beyond the ledger's capacity are pruned, oldest first; what they held is
/// forgotten, so the horizon (<c>spool/ids/horizon</c>) moves up to their latest rating time.</summary>
public sealed class LedgerJournal(string spoolDirectory, int capacity, ILogger<LedgerJournal> logger)
{
    private const int EntrySize = 16;
    private const int HeaderSize = 8;
    private const string NothingForgotten = "none";
    private readonly string _directory = Path.Combine(spoolDirectory, "ids");

    private string HorizonPath => Path.Combine(_directory, "horizon");

    /// <summary>Writes a delivered segment's entries; false (and the segment is kept) on failure.</summary>
    internal bool Retire(SpoolFiles files, long segment)
    {
        try
        {
            Directory.CreateDirectory(_directory);
            var entries = new List<LedgerEntry>();
            foreach (var (payload, _) in files.ReadPayloads(segment))
                RatingLineReader.Read(payload.Span, entries);
            var latest = LatestMs(entries);
            var path = FilePath(segment);
            var tmp = path + ".tmp";
            using (var file = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var buffer = new byte[EntrySize];
                BinaryPrimitives.WriteInt64LittleEndian(buffer, latest);
                file.Write(buffer.AsSpan(0, HeaderSize));
                foreach (var e in entries)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(buffer, e.IdHash);
                    BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(8), e.Slot);
                    file.Write(buffer);
                }
                file.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
            Prune();
            return true;
        }
        catch (IOException ex)
        {
            logger.LogWarning("Could not keep the ids of spool segment {Segment} ({Error}); the segment is kept until they are.", segment, ex.Message);
            return false;
        }
    }

    /// <summary>Whether this state folder has ever kept rating ids (false: a new folder). The spool
    /// opens an empty first segment as it starts, so only a segment with records counts.</summary>
    internal bool Exists(SpoolFiles files) =>
        File.Exists(HorizonPath) || Journals().Any() || files.Segments().Any(s => new FileInfo(files.SegmentPath(s)).Length > 0);

    /// <summary>Where the horizon starts on a new state folder: nothing forgotten when InfluxDB
    /// held no ratings, else now (what it holds from before is unknown).</summary>
    internal void StartHorizon(long? horizonMs) => WriteHorizon(horizonMs);

    /// <summary>Loads the horizon, the journal and then every segment still in the spool.</summary>
    internal int LoadInto(RatingLedger ledger, SpoolFiles files, long nowMs)
    {
        ledger.StartHorizon(ReadHorizon() ?? nowMs);
        var loaded = 0;
        foreach (var (_, path) in Journals())
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length < HeaderSize)
                continue;
            var latest = BinaryPrimitives.ReadInt64LittleEndian(bytes);
            var entries = new LedgerEntry[(bytes.Length - HeaderSize) / EntrySize];
            for (var i = 0; i < entries.Length; i++)
            {
                var at = bytes.AsSpan(HeaderSize + (i * EntrySize));
                entries[i] = new LedgerEntry(BinaryPrimitives.ReadUInt64LittleEndian(at), BinaryPrimitives.ReadUInt64LittleEndian(at[8..]), 0, -1);
            }
            ledger.Remember(entries, latest);
            loaded += entries.Length;
        }
        foreach (var segment in files.Segments())
        {
            var entries = new List<LedgerEntry>();
            foreach (var (payload, _) in files.ReadPayloads(segment))
                RatingLineReader.Read(payload.Span, entries);
            ledger.Remember(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(entries), LatestMs(entries));
            loaded += entries.Count;
        }
        return loaded;
    }

    private void Prune()
    {
        long kept = 0;
        foreach (var (_, path) in Journals().Reverse())
        {
            if (kept < capacity)
            {
                kept += (new FileInfo(path).Length - HeaderSize) / EntrySize;
                continue;
            }
            // Forgetting them: the horizon moves up to their latest rating time first, on disk.
            var header = new byte[HeaderSize];
            using (var file = File.OpenRead(path))
                file.ReadExactly(header);
            var latest = BinaryPrimitives.ReadInt64LittleEndian(header);
            if (latest > (ReadHorizon() ?? long.MinValue))
                WriteHorizon(latest);
            File.Delete(path);
        }
    }

    private static long LatestMs(List<LedgerEntry> entries) =>
        entries.Count == 0 ? long.MinValue : entries.Max(e => e.TimestampNs) / 1_000_000;

    private long? ReadHorizon()
    {
        if (!File.Exists(HorizonPath))
            return null;
        var text = File.ReadAllText(HorizonPath).Trim();
        return text == NothingForgotten ? long.MinValue
            : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms) ? ms : null;
    }

    private void WriteHorizon(long? horizonMs)
    {
        Directory.CreateDirectory(_directory);
        var tmp = HorizonPath + ".tmp";
        using (var file = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(System.Text.Encoding.ASCII.GetBytes(horizonMs is null or long.MinValue ? NothingForgotten : horizonMs.Value.ToString(CultureInfo.InvariantCulture)));
            file.Flush(flushToDisk: true);
        }
        File.Move(tmp, HorizonPath, overwrite: true);
    }

    private IEnumerable<(long Segment, string Path)> Journals() => !Directory.Exists(_directory) ? [] :
        Directory.EnumerateFiles(_directory, "*.ids")
            .Select(f => (Segment: long.TryParse(Path.GetFileNameWithoutExtension(f), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1, Path: f))
            .Where(f => f.Segment >= 0).OrderBy(f => f.Segment).ToList();

    private string FilePath(long segment) => Path.Combine(_directory, segment.ToString("D12", CultureInfo.InvariantCulture) + ".ids");
}
