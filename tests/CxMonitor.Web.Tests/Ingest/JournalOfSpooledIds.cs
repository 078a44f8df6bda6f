using CxMonitor.Core.Ratings;
using CxMonitor.Web.Ingest;
using CxMonitor.Web.Ingest.Ids;
using CxMonitor.Web.Ingest.Spool;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>Retiring a delivered segment writes the ids the ledger gave its ratings as they were
/// spooled, without reading the segment again (issue 19): the journal file is byte for byte the
/// one that reading the segment gives, whatever else the segment holds, and a segment whose ids
/// are not all known in memory is read as before.</summary>
public sealed class JournalOfSpooledIds : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cxjournal-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData(1_000_000, false)]
    [InlineData(1_000_000, true)]
    [InlineData(300, false)] // more spooled than the ledger's capacity: some segments are read
    public async Task A_retired_segment_gives_the_journal_the_same_bytes_as_reading_it(int capacity, bool unknownAppends)
    {
        var journal = new LedgerJournal(_dir, capacity, NullLogger<LedgerJournal>.Instance);
        var ledger = new RatingLedger(1_000_000);
        var random = new Random(19);
        await using (var spool = Open(journal))
        {
            for (var request = 0; request < 60; request++)
            {
                // Ratings of every kind (escapes, non-ASCII, the same millisecond), reviews in
                // between, and (if asked) records whose ids the journal is not told.
                if (request % 7 == 3)
                {
                    await spool.AppendAsync("review,platform=google,site=riga text=\"ok\" 1764000000000000000"u8.ToArray(), 1, ratings: []);
                    continue;
                }
                var (lines, taken) = Request(ledger, request, random.Next(1, 40));
                await spool.AppendAsync(lines, taken.Count, unknownAppends && request % 11 == 5 ? null : taken);
            }
        }
        var files = new SpoolFiles(_dir);
        var segments = files.Segments();
        Assert.True(segments.Count > 5, $"only {segments.Count} segments: the test needs rotations");
        var fromReading = new LedgerJournal(_dir, capacity, NullLogger<LedgerJournal>.Instance);
        foreach (var s in segments.SkipLast(1))
        {
            Assert.True(journal.Retire(files, s));
            var spooled = await File.ReadAllBytesAsync(JournalPath(s));
            File.Delete(JournalPath(s));
            Assert.True(fromReading.Retire(files, s));
            var read = await File.ReadAllBytesAsync(JournalPath(s));
            Assert.Equal(read.Length, spooled.Length);
            Assert.True(read.AsSpan().SequenceEqual(spooled), $"segment {s}: the journal from memory differs from the one read");
            File.Delete(JournalPath(s));
        }
    }

    [Fact]
    public async Task A_segment_this_process_spooled_is_retired_without_reading_it_and_one_from_before_a_restart_by_reading()
    {
        var ledger = new RatingLedger(1_000_000);
        var journal = new LedgerJournal(_dir, 1_000_000, NullLogger<LedgerJournal>.Instance);
        int expected;
        await using (var spool = Open(journal))
        {
            var (lines, taken) = Request(ledger, 0, 30);
            await spool.AppendAsync(lines, taken.Count, taken);
            expected = taken.Count;
        }
        var files = new SpoolFiles(_dir);
        var first = files.Segments()[0];
        var size = new FileInfo(files.SegmentPath(first)).Length;
        // The segment's bytes gone: only what was kept in memory can still name its ratings.
        File.WriteAllBytes(files.SegmentPath(first), new byte[size]);

        Assert.True(journal.Retire(files, first));
        Assert.Equal(8 + (16 * expected), new FileInfo(JournalPath(first)).Length);

        // A new process knows nothing of it in memory, so it reads the (now empty) segment.
        var restarted = new LedgerJournal(_dir, 1_000_000, NullLogger<LedgerJournal>.Instance);
        Assert.True(restarted.Retire(files, first));
        Assert.Equal(8, new FileInfo(JournalPath(first)).Length);
    }

    private (byte[] Lines, List<LedgerEntry> Taken) Request(RatingLedger ledger, int request, int count)
    {
        var ratings = Enumerable.Range(0, count).Select(i => Rating(request, i)).ToList();
        using var lines = new RatingLines(count);
        var candidates = ratings.Select((r, i) => new LedgerCandidate(i, StableHash.Of(r.Source, r.Id), lines.SeriesHash(r), r.Time.ToUnixTimeMilliseconds())).ToList();
        var reservation = ledger.Reserve(candidates);
        foreach (var e in reservation.Taken)
            lines.Append(ratings[e.Index], e.TimestampNs);
        reservation.Commit();
        return (lines.Written.ToArray(), reservation.Taken);
    }

    private static ValidRating Rating(int request, int i)
    {
        var scale = RatingScales.All[i % RatingScales.All.Count];
        var (min, max) = RatingScales.Range(scale);
        var score = min + (i % (max - min + 1));
        var site = (i % 4) switch { 0 => "riga-old-town", 1 => "київ-хрещатик", 2 => "new york, 5th=ave", _ => "berlin" };
        // Every rating of a request in one millisecond: the ledger moves them to free nanoseconds.
        return new ValidRating($"r{request}-{i}" + (i % 5 == 0 ? "\"q\\" : ""), DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000 + request),
            scale, score, RatingScales.Classify(scale, score), site, i % 3 == 0 ? null : "in-store", "checkout", i % 2 == 0 ? "terminals" : "web",
            null, i % 6 == 0 ? $"c-{i}" : null, [], i % 8 == 0 ? "Всё хорошо, \"да\"\nи нет" : null, null);
    }

    private WriteAheadSpool Open(LedgerJournal journal) =>
        new(Options.Create(new SpoolOptions { Directory = _dir, SegmentBytes = 8192 }), TimeProvider.System, null, journal);

    private string JournalPath(long segment) => Path.Combine(_dir, "ids", segment.ToString("D12", System.Globalization.CultureInfo.InvariantCulture) + ".ids");
}
