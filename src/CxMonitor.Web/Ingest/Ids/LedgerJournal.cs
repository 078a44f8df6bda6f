using System.Buffers.Binary;
using System.Globalization;
using CxMonitor.Web.Ingest.Spool;

namespace CxMonitor.Web.Ingest.Ids;

/// <summary>Keeps the ledger's memory across any restart, kill -9 included, at no cost to the
/// request path: while a rating's spool segment exists, the segment itself holds its id and
/// point; before a delivered segment is deleted, its ratings' (id hash, slot) pairs are written
/// to <c>spool/ids/NNNNNNNNNNNN.ids</c> and fsynced. Files beyond the ledger's capacity are
/// pruned, oldest first. At start the ledger is loaded from the files and then the segments.</summary>
public sealed class LedgerJournal(string spoolDirectory, int capacity, ILogger<LedgerJournal> logger)
{
    private const int EntrySize = 16;
    private readonly string _directory = Path.Combine(spoolDirectory, "ids");

    /// <summary>Writes a delivered segment's entries; false (and the segment is kept) on failure.</summary>
    internal bool Retire(SpoolFiles files, long segment)
    {
        try
        {
            Directory.CreateDirectory(_directory);
            var entries = new List<LedgerEntry>();
            foreach (var payload in files.ReadPayloads(segment))
                RatingLineReader.Read(payload, entries);
            var path = FilePath(segment);
            var tmp = path + ".tmp";
            using (var file = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var buffer = new byte[EntrySize];
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

    /// <summary>Loads the journal and then every segment still in the spool, oldest first.</summary>
    internal int LoadInto(RatingLedger ledger, SpoolFiles files)
    {
        var loaded = 0;
        foreach (var (_, path) in Journals())
        {
            var bytes = File.ReadAllBytes(path);
            var entries = new LedgerEntry[bytes.Length / EntrySize];
            for (var i = 0; i < entries.Length; i++)
            {
                var at = bytes.AsSpan(i * EntrySize);
                entries[i] = new LedgerEntry(BinaryPrimitives.ReadUInt64LittleEndian(at), BinaryPrimitives.ReadUInt64LittleEndian(at[8..]), 0, -1);
            }
            ledger.Remember(entries);
            loaded += entries.Length;
        }
        foreach (var segment in files.Segments())
        {
            var entries = new List<LedgerEntry>();
            foreach (var payload in files.ReadPayloads(segment))
                RatingLineReader.Read(payload, entries);
            ledger.Remember(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(entries));
            loaded += entries.Count;
        }
        return loaded;
    }

    private void Prune()
    {
        long kept = 0;
        foreach (var (_, path) in Journals().Reverse())
        {
            if (kept >= capacity)
                File.Delete(path);
            else
                kept += new FileInfo(path).Length / EntrySize;
        }
    }

    private IEnumerable<(long Segment, string Path)> Journals() => !Directory.Exists(_directory) ? [] :
        Directory.EnumerateFiles(_directory, "*.ids")
            .Select(f => (Segment: long.TryParse(Path.GetFileNameWithoutExtension(f), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1, Path: f))
            .Where(f => f.Segment >= 0).OrderBy(f => f.Segment).ToList();

    private string FilePath(long segment) => Path.Combine(_directory, segment.ToString("D12", CultureInfo.InvariantCulture) + ".ids");
}
