using CxMonitor.Web.Ingest.Ids;

namespace CxMonitor.Web.Tests.Ingest;

public sealed class IdTableRules
{
    [Fact]
    public void Agrees_with_a_hash_set_through_adds_and_removes_that_wrap_and_grow()
    {
        // Few distinct keys in a small table: long probe runs that wrap round the array end, so
        // the backward shift on removal is exercised at every position; then growth past them.
        foreach (var (distinct, steps) in new[] { (40, 20_000), (5_000, 200_000) })
        {
            var random = new Random(distinct);
            var table = new IdTable(4);
            var expected = new HashSet<ulong>();
            var keys = Enumerable.Range(0, distinct)
                .Select(i => i == 0 ? 0UL : i % 3 == 0 ? (ulong)i : (ulong)random.NextInt64() * 3)
                .ToArray();
            for (var step = 0; step < steps; step++)
            {
                var key = keys[random.Next(keys.Length)];
                switch (random.Next(3))
                {
                    case 0:
                        Assert.Equal(expected.Add(key), table.Add(key));
                        break;
                    case 1:
                        Assert.Equal(expected.Remove(key), table.Remove(key));
                        break;
                    default:
                        Assert.Equal(expected.Contains(key), table.Contains(key));
                        break;
                }
                Assert.Equal(expected.Count, table.Count);
            }
            Assert.All(keys, k => Assert.Equal(expected.Contains(k), table.Contains(k)));
        }
    }

    [Fact]
    public void Keys_that_share_a_home_are_all_found_after_any_one_is_removed()
    {
        // Keys whose home is slot 15 of the 16-slot table (Fibonacci hashing: the top 4 bits of
        // key * golden ratio): one run that starts at the array's end and wraps round to its start.
        var colliding = Enumerable.Range(1, 100_000).Select(i => (ulong)i)
            .Where(k => (k * 0x9E3779B97F4A7C15UL) >> 60 == 15).Take(7).ToArray();
        Assert.Equal(7, colliding.Length);
        for (var removed = 0; removed < colliding.Length; removed++)
        {
            var table = new IdTable(4);
            foreach (var k in colliding)
                Assert.True(table.Add(k));
            Assert.True(table.Remove(colliding[removed]));
            Assert.False(table.Remove(colliding[removed]));
            for (var i = 0; i < colliding.Length; i++)
                Assert.Equal(i != removed, table.Contains(colliding[i]));
        }
    }
}
