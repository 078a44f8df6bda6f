using System.Diagnostics;
using CxMonitor.Web.Ingest.Ids;

namespace CxMonitor.Benchmarks;

/// <summary>The rating ledger's set lookups, side by side: <see cref="IdTable"/> against the
/// <c>HashSet&lt;ulong&gt;</c> it replaced (issue 19), in the ledger's own pattern at its default size
/// (two generations of up to 500,000 ids and 1,000,000 slots; per rating an id and a slot looked
/// up in both, then both added), alternating rounds; then the whole ledger's reserve and commit
/// in requests of 1,000 ratings.</summary>
public static class LedgerTables
{
    public static Task<int> RunAsync(string[] args)
    {
        var rounds = Figures.IntOption(args, "--rounds", 5);
        var ratings = Figures.IntOption(args, "--ratings", 3_000_000);
        const int capacity = 1_000_000;
        var hashSet = new List<double>();
        var idTable = new List<double>();
        var ledger = new List<double>();
        var ledgerCold = new List<double>();
        for (var round = 0; round <= rounds; round++)
        {
            var h = Pattern(ratings, capacity, size => new HashSetAdapter(size));
            var t = Pattern(ratings, capacity, size => new IdTableAdapter(size));
            var l = Ledger(ratings, capacity, clearCache: false);
            var c = Ledger(ratings / 3, capacity, clearCache: true);
            if (round == 0)
                continue; // JIT and first-touch of the arrays
            hashSet.Add(h);
            idTable.Add(t);
            ledger.Add(l);
            ledgerCold.Add(c);
            Console.WriteLine($"round {round}: HashSet<ulong> {h,6:N0} ns per rating, IdTable {t,6:N0} ns; RatingLedger reserve+commit {l,6:N0} ns, " +
                $"with the cache cleared in between {c,6:N0} ns");
        }
        Console.WriteLine($"median: HashSet<ulong> {Figures.Median(hashSet):N0} ns per rating, IdTable {Figures.Median(idTable):N0} ns; " +
            $"RatingLedger reserve+commit {Figures.Median(ledger):N0} ns per rating, with the cache cleared between reserve and commit " +
            $"(as the spool's fsync and the rest of the request leave it in the app) {Figures.Median(ledgerCold):N0} ns ({ratings:N0} and {ratings / 3:N0} ratings a round)");
        return Task.FromResult(0);
    }

    private interface ISet
    {
        int Count { get; }

        bool Contains(ulong key);

        void Add(ulong key);
    }

    private sealed class HashSetAdapter(int size) : ISet
    {
        private readonly HashSet<ulong> _set = new(size);

        public int Count => _set.Count;

        public bool Contains(ulong key) => _set.Contains(key);

        public void Add(ulong key) => _set.Add(key);
    }

    private sealed class IdTableAdapter(int size) : ISet
    {
        private readonly IdTable _set = new(size);

        public int Count => _set.Count;

        public bool Contains(ulong key) => _set.Contains(key);

        public void Add(ulong key) => _set.Add(key);
    }

    private static double Pattern(int ratings, int capacity, Func<int, ISet> create)
    {
        var (ids, slots) = (create(capacity / 2), create(capacity / 2));
        var (oldIds, oldSlots) = (create(0), create(0));
        var found = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < ratings; i++)
        {
            var id = StableHash.Of("bench", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var slot = StableHash.Slot(7, i * 1_000L);
            if (ids.Contains(id) || oldIds.Contains(id))
                found++;
            if (slots.Contains(slot) || oldSlots.Contains(slot))
                found++;
            slots.Add(slot);
            ids.Add(id);
            if (ids.Count >= capacity / 2)
                (oldIds, oldSlots, ids, slots) = (ids, slots, create(capacity / 2), create(capacity / 2));
        }
        watch.Stop();
        if (found != 0)
            throw new InvalidOperationException("distinct ids were found: the pattern is wrong");
        return watch.Elapsed.TotalNanoseconds / ratings;
    }

    /// <param name="clearCache">Reads 32 MB between each reserve and its commit, untimed: in the
    /// app the spool's write and fsync and other requests come in between, and the table lines
    /// that reserve read are gone from the cache by the commit.</param>
    private static double Ledger(int ratings, int capacity, bool clearCache)
    {
        var ledger = new RatingLedger(capacity);
        var batch = new List<LedgerCandidate>(1_000);
        var evict = clearCache ? new long[4 << 20] : [];
        long sink = 0;
        var watch = new Stopwatch();
        for (var i = 0; i < ratings; i += 1_000)
        {
            batch.Clear();
            for (var j = 0; j < 1_000; j++)
                batch.Add(new LedgerCandidate(j, StableHash.Of("bench", (i + j).ToString(System.Globalization.CultureInfo.InvariantCulture)), (ulong)(j % 24), 1_800_000_000_000L + i + j));
            watch.Start();
            var reservation = ledger.Reserve(batch);
            watch.Stop();
            for (var k = 0; k < evict.Length; k += 8)
                sink += evict[k]++;
            watch.Start();
            reservation.Commit();
            watch.Stop();
        }
        GC.KeepAlive(sink);
        return watch.Elapsed.TotalNanoseconds / ratings;
    }
}
