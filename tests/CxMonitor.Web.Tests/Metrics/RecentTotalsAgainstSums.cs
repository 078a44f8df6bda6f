using CxMonitor.Core.Metrics;
using CxMonitor.Core.Ratings;
using CxMonitor.Web.Ingest;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Metrics.Recent;
using Microsoft.Extensions.Time.Testing;

namespace CxMonitor.Web.Tests.Metrics;

/// <summary>Memory's totals add in place and keep each cell's current minute at hand (issue 19):
/// whatever comes in, in any order, across minutes, hours and eviction, after a reload or a
/// replaced range, from many threads or with thousands of distinct cells, a read must equal the
/// plain sum of the items in its minutes.</summary>
public class RecentTotalsAgainstSums
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] Sites = ["north", "south", "east", "west", "kyiv-khreshchatyk"];
    private static readonly string[] Channels = ["", "in-store", "web", "app"];
    private static readonly string[] Touchpoints = ["", "arrival", "checkout", "delivery"];
    private static readonly RatingScale[] Scales = Enum.GetValues<RatingScale>();

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly List<(DateTimeOffset Time, SatisfactionCell Cell, SatisfactionTotals Totals)> _added = [];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_batches_over_sites_minutes_scales_and_review_edits_read_as_their_sums(int seed)
    {
        var random = new Random(seed);
        var recent = Warm(Start.AddHours(-2));
        var reviews = new List<(DateTimeOffset Time, SatisfactionCell Cell, SatisfactionTotals Totals)>();
        for (var batch = 0; batch < 400; batch++)
        {
            _clock.Advance(TimeSpan.FromSeconds(random.Next(0, 900))); // 50 hours in all: eviction too
            var now = _clock.GetUtcNow();
            var items = new List<(DateTimeOffset, SatisfactionCell, SatisfactionTotals)>();
            for (var i = random.Next(1, 60); i > 0; i--)
            {
                // Mostly now, some late by up to three hours (some before memory's start).
                var time = now - TimeSpan.FromSeconds(random.Next(8) == 0 ? random.Next(0, 3 * 3600) : random.Next(0, 120));
                if (random.Next(10) == 0)
                {
                    var cell = new SatisfactionCell(Copy(Sites[random.Next(Sites.Length)]), "", "");
                    var review = Review(random);
                    if (reviews.Count > 0 && random.Next(3) == 0)
                    {
                        // An edit: the old figures leave at the old time, the new come in at the new one.
                        var old = reviews[random.Next(reviews.Count)];
                        items.Add((old.Time, old.Cell, Negated(old.Totals)));
                    }
                    reviews.Add((time, cell, review));
                    items.Add((time, cell, review));
                }
                else
                {
                    items.Add((time, RandomCell(random), Rating(random)));
                }
            }
            Add(recent, items);
            if (batch % 20 == 0)
                AssertReadsAsSums(recent, random);
        }
        AssertReadsAsSums(recent, random);
    }

    [Fact]
    public void Thousands_of_distinct_cells_read_as_their_sums_and_their_keys_go_once_their_hours_are_evicted()
    {
        var random = new Random(19);
        var recent = Warm(CellReader.Floor(Start));
        // 20,000 touchpoints of one length that differ in one character: many names alike, as
        // someone trying to fill the table would send them.
        for (var batch = 0; batch < 40; batch++)
        {
            var items = new List<(DateTimeOffset, SatisfactionCell, SatisfactionTotals)>();
            for (var i = 0; i < 1_000; i++)
            {
                var n = batch % 20 * 1_000 + i;
                items.Add((_clock.GetUtcNow(), new SatisfactionCell("north", "web", $"tp-{n:D6}-x"), Rating(random)));
            }
            Add(recent, items);
            _clock.Advance(TimeSpan.FromSeconds(50));
        }
        Assert.Equal(20_000, recent.Cells);
        AssertReadsAsSums(recent, random);

        // Two days and more later only three cells come: the others' hours are evicted, and so are their keys.
        _clock.Advance(TimeSpan.FromHours(52));
        _added.Clear();
        Add(recent, [(_clock.GetUtcNow(), new SatisfactionCell("north", "web", "tp-000007-x"), Rating(random)),
            (_clock.GetUtcNow(), new SatisfactionCell("north", "web", "tp-000008-x"), Rating(random)),
            (_clock.GetUtcNow(), new SatisfactionCell("south", "", ""), Rating(random))]);
        Assert.Equal(3, recent.Cells);
        Add(recent, [(_clock.GetUtcNow().AddSeconds(1), new SatisfactionCell("north", "web", "tp-000007-x"), Rating(random))]);
        AssertReadsAsSums(recent, random);
    }

    [Fact]
    public void Items_after_a_replaced_range_a_reload_or_an_eviction_are_counted_not_lost_in_a_forgotten_minute()
    {
        var random = new Random(5);
        var recent = Warm(CellReader.Floor(Start));
        var cell = new SatisfactionCell("north", "web", "checkout");
        var minute = _clock.GetUtcNow();
        // Two requests, so that the cell's current minute is kept from the first to the second.
        Add(recent, [(minute, cell, Rating(random))]);
        Add(recent, [(minute.AddSeconds(1), cell, Rating(random))]);

        // Reconciliation replaces this minute with what InfluxDB holds (here: one rating of its own).
        var stored = Rating(random);
        recent.Replace(minute, minute.AddMinutes(1), [(minute, cell, stored)]);
        _added.Clear();
        _added.Add((minute, cell, stored));
        Add(recent, [(minute.AddSeconds(2), new SatisfactionCell(Copy("north"), Copy("web"), Copy("checkout")), Rating(random))]);
        AssertReadsAsSums(recent, random);

        // A reload starts from what InfluxDB holds; what comes after it is counted on top.
        recent.Warm(CellReader.Floor(Start), [(minute, cell, stored)]);
        _added.Clear();
        _added.Add((minute, cell, stored));
        Add(recent, [(minute.AddSeconds(3), cell, Rating(random))]);
        Add(recent, [(minute.AddSeconds(4), cell, Rating(random))]);
        AssertReadsAsSums(recent, random);

        // An eviction an hour later, then more items in the same cell.
        _clock.Advance(TimeSpan.FromHours(51));
        _added.Clear();
        Add(recent, [(_clock.GetUtcNow(), cell, Rating(random)), (_clock.GetUtcNow().AddSeconds(1), cell, Rating(random))]);
        AssertReadsAsSums(recent, random);
        Assert.Equal(2, recent.Buckets); // one minute, one hour: the old ones went
    }

    [Fact]
    public void Batches_from_several_threads_at_once_all_count()
    {
        var recent = Warm(CellReader.Floor(Start));
        var batches = Enumerable.Range(0, 8).Select(t =>
        {
            var random = new Random(t);
            return Enumerable.Range(0, 200).Select(_ => Enumerable.Range(0, 50)
                .Select(_ => (_clock.GetUtcNow().AddSeconds(random.Next(0, 1_800)), RandomCell(random), Rating(random))).ToList()).ToList();
        }).ToList();

        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, own =>
        {
            foreach (var batch in own)
                recent.Add(batch);
        });

        _added.AddRange(batches.SelectMany(b => b).SelectMany(b => b));
        AssertReadsAsSums(recent, new Random(1));
    }

    private RecentTotals Warm(DateTimeOffset from)
    {
        var recent = new RecentTotals(_clock);
        recent.Warm(from, []);
        return recent;
    }

    private void Add(RecentTotals recent, List<(DateTimeOffset Time, SatisfactionCell Cell, SatisfactionTotals Totals)> items)
    {
        recent.Add(items);
        _added.AddRange(items.Where(i => i.Time >= recent.CoversFrom));
    }

    /// <summary>Every minute memory holds, a few random ranges (some of whole hours), with and without a site filter.</summary>
    private void AssertReadsAsSums(RecentTotals recent, Random random)
    {
        var now = _clock.GetUtcNow();
        var from = recent.Boundary(now);
        var ranges = new List<(DateTimeOffset From, DateTimeOffset To)> { (from, now.AddMinutes(1)) };
        for (var i = 0; i < 20; i++)
        {
            var a = from + TimeSpan.FromSeconds(random.Next(0, (int)(now - from).TotalSeconds + 60));
            var b = a + TimeSpan.FromSeconds(random.Next(1, 4 * 3600));
            ranges.Add((a, b));
        }
        for (var m = CellReader.Floor(now) - TimeSpan.FromHours(3); m <= now; m += TimeSpan.FromMinutes(1))
        {
            if (m >= from)
                ranges.Add((m, m.AddMinutes(1)));
        }
        foreach (var (a, b) in ranges)
        {
            string[]? sites = random.Next(3) == 0 ? [Sites[random.Next(Sites.Length)], Sites[random.Next(Sites.Length)]] : null;
            AssertEqual(Sums(a, b, sites), recent.Read(a, b, sites).Cells, $"{a:O}–{b:O} sites {(sites is null ? "all" : string.Join(",", sites))}");
        }
    }

    private Dictionary<SatisfactionCell, SatisfactionTotals> Sums(DateTimeOffset from, DateTimeOffset to, string[]? sites)
    {
        var first = Minute(from);
        var last = Minute(to - TimeSpan.FromTicks(1));
        var sums = new Dictionary<SatisfactionCell, SatisfactionTotals>();
        foreach (var (time, cell, totals) in _added)
        {
            if (Minute(time) < first || Minute(time) > last || (sites is not null && !sites.Contains(cell.Site)))
                continue;
            sums[cell] = sums.TryGetValue(cell, out var t) ? t + totals : totals;
        }
        return sums;
    }

    private static void AssertEqual(Dictionary<SatisfactionCell, SatisfactionTotals> expected, Dictionary<SatisfactionCell, SatisfactionTotals> actual, string what)
    {
        var (expectedCells, readCells) = (string.Join(" ", expected.Keys.Select(c => c.ToString()).Order(StringComparer.Ordinal)), string.Join(" ", actual.Keys.Select(c => c.ToString()).Order(StringComparer.Ordinal)));
        Assert.True(expectedCells == readCells, $"{what}: cells {expectedCells} expected, {readCells} read");
        foreach (var (cell, e) in expected)
        {
            var a = actual[cell];
            // Counts exactly; sums of fractions up to their rounding (memory adds by hour, then by minute).
            Assert.True(e with { NormSum = 0, CesSum = 0, StarsSum = 0, SentimentSum = 0 } == a with { NormSum = 0, CesSum = 0, StarsSum = 0, SentimentSum = 0 },
                $"{what} {cell}: {e} expected, {a} read");
            foreach (var (x, y) in new[] { (e.NormSum, a.NormSum), (e.CesSum, a.CesSum), (e.StarsSum, a.StarsSum), (e.SentimentSum, a.SentimentSum) })
                Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x)), $"{what} {cell}: {e} expected, {a} read");
        }
    }

    private static SatisfactionCell RandomCell(Random random) =>
        new(Copy(Sites[random.Next(Sites.Length)]), Copy(Channels[random.Next(Channels.Length)]), Copy(Touchpoints[random.Next(Touchpoints.Length)]));

    private static SatisfactionTotals Rating(Random random)
    {
        var scale = Scales[random.Next(Scales.Length)];
        var (min, max) = RatingScales.Range(scale);
        var score = random.Next(min, max + 1);
        return RecentTotalsFeed.Totals(new ValidRating("r", Start, scale, score, RatingScales.Classify(scale, score), "north", null, null, "api", null, null, [], null, null));
    }

    private static SatisfactionTotals Review(Random random)
    {
        var stars = random.Next(1, 6);
        return new SatisfactionTotals
        {
            Reviews = 1, StarredReviews = 1, StarsSum = stars, NegativeReviews = stars <= 2 ? 1 : 0, SentimentSum = random.NextDouble() * 2 - 1, SentimentCount = 1,
        };
    }

    private static SatisfactionTotals Negated(SatisfactionTotals t) => new()
    {
        Reviews = -t.Reviews, StarredReviews = -t.StarredReviews, StarsSum = -t.StarsSum, NegativeReviews = -t.NegativeReviews,
        SentimentSum = -t.SentimentSum, SentimentCount = -t.SentimentCount,
    };

    /// <summary>Equal text, another reference: as every request's JSON gives it.</summary>
    private static string Copy(string s) => new(s.AsSpan());

    private static long Minute(DateTimeOffset t) => Math.DivRem(t.UtcTicks, TimeSpan.TicksPerMinute, out var rem) - (rem < 0 ? 1 : 0);
}
