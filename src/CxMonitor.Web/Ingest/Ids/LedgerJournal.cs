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
/// <remarks>The pairs of the segments this process opened are also kept in memory as they are
/// spooled (<see cref="Spooled"/>), so retiring a delivered segment writes them without reading
/// its 64 MB again: that re-read took a tenth of the app's CPU under ingest load (issue 19). A
/// segment whose pairs are not all known here (opened by an earlier process, a failed write, an
/// append without them, or more pairs held than the ledger's capacity) is read as before.</remarks>
public sealed class LedgerJournal(string spoolDirectory, int capacity, ILogger<LedgerJournal> logger)
{
    private const int EntrySize = SegmentIds.EntrySize;
    private const int HeaderSize = 8;
    private const string NothingForgotten = "none";
    private readonly string _directory = Path.Combine(spoolDirectory, "ids");
    private readonly Dictionary<long, SegmentIds> _spooled = [];
    private long _spooledCount;

    /// <summary>The spool opened a new segment: its pairs are known from its first record on.</summary>
    internal void Opened(long segment)
    {
        lock (_spooled)
            _spooled[segment] = new SegmentIds();
    }

    /// <summary>A record is on disk in <paramref name="segment"/>; <paramref name="ratings"/> are
    /// the ledger's entries of the ratings in it (empty: none; null: not known, so the segment
    /// will be read when it is retired).</summary>
    internal void Spooled(long segment, IReadOnlyList<LedgerEntry>? ratings)
    {
        lock (_spooled)
        {
            if (!_spooled.TryGetValue(segment, out var ids))
                return;
            if (ratings is null || _spooledCount + ratings.Count > capacity)
            {
                Unknown(segment);
                return;
            }
            foreach (var r in ratings)
                ids.Add(r);
            _spooledCount += ratings.Count;
        }
    }

    /// <summary>What the segment holds is no longer known here (a write to it failed): it will be read.</summary>
    internal void Unknown(long segment) => TakeSpooled(segment, out _);

    private string HorizonPath => Path.Combine(_directory, "horizon");

    /// <summary>Writes a delivered segment's entries; false (and the segment is kept) on failure.</summary>
    internal bool Retire(SpoolFiles files, long segment)
    {
        try
        {
            Directory.CreateDirectory(_directory);
            // Taken out first: should the write fail, the retry reads the segment.
            var ids = TakeSpooled(segment, out var known) ? known : Read(files, segment);
            var path = FilePath(segment);
            var tmp = path + ".tmp";
            using (var file = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var header = new byte[HeaderSize];
                BinaryPrimitives.WriteInt64LittleEndian(header, ids.LatestMs);
                file.Write(header);
                ids.WriteEntries(file);
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

    private bool TakeSpooled(long segment, out SegmentIds ids)
    {
        lock (_spooled)
        {
            if (!_spooled.Remove(segment, out ids!))
                return false;
            _spooledCount -= ids.Count;
            return true;
        }
    }

    private static SegmentIds Read(SpoolFiles files, long segment)
    {
        var ids = new SegmentIds();
        var entries = new List<LedgerEntry>();
        foreach (var (payload, _) in files.ReadPayloads(segment))
        {
            entries.Clear();
            RatingLineReader.Read(payload.Span, entries);
            ids.AddRange(entries);
        }
        return ids;
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
