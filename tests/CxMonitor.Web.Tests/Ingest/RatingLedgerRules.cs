using CxMonitor.Web.Ingest.Ids;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>The ledger's rules on plain data: one id, one point, one outcome.</summary>
public sealed class RatingLedgerRules
{
    private static LedgerCandidate Candidate(int index, ulong id, ulong series = 7, long ms = 1_000) => new(index, id, series, ms);

    [Fact]
    public void Ids_whose_own_nanosecond_is_taken_move_to_the_next_free_one_of_their_series()
    {
        var ledger = new RatingLedger(10_000);
        // Same id nanosecond (id % 1e6), same series and millisecond: three different points.
        var r = ledger.Reserve([Candidate(0, 5), Candidate(1, 1_000_005), Candidate(2, 2_000_005)]);
        Assert.Equal([1_000_000_005L, 1_000_000_006L, 1_000_000_007L], r.Taken.Select(e => e.TimestampNs));
        // Another series keeps the id's own nanosecond.
        var other = ledger.Reserve([Candidate(0, 3_000_005, series: 8)]);
        Assert.Equal(1_000_000_005L, other.Taken[0].TimestampNs);
    }

    [Fact]
    public void An_id_twice_in_one_request_is_one_point_and_one_duplicate()
    {
        var ledger = new RatingLedger(10_000);
        var r = ledger.Reserve([Candidate(0, 42), Candidate(1, 42)]);
        Assert.Single(r.Taken);
        Assert.Equal(1, r.Duplicates);
        Assert.Empty(r.Waiting);
    }

    [Fact]
    public async Task An_id_held_by_another_request_waits_for_its_outcome()
    {
        var ledger = new RatingLedger(10_000);
        var first = ledger.Reserve([Candidate(0, 42)]);
        var second = ledger.Reserve([Candidate(0, 42)]);
        var wait = Assert.Single(second.Waiting);
        Assert.False(wait.Outcome.IsCompleted);

        first.Commit();
        await wait.Outcome.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, ledger.Reserve([wait.Candidate]).Duplicates);
    }

    [Fact]
    public async Task An_id_whose_write_failed_is_free_for_the_waiting_request()
    {
        var ledger = new RatingLedger(10_000);
        var first = ledger.Reserve([Candidate(0, 42)]);
        var second = ledger.Reserve([Candidate(0, 42)]);

        first.Release();
        await second.Waiting[0].Outcome.WaitAsync(TimeSpan.FromSeconds(5));
        var again = ledger.Reserve([second.Waiting[0].Candidate]);
        Assert.Equal(first.Taken[0].TimestampNs, Assert.Single(again.Taken).TimestampNs);
    }

    [Fact]
    public void Forgetting_moves_the_horizon_to_the_latest_forgotten_rating_time()
    {
        var ledger = new RatingLedger(1_000);
        Assert.Equal(long.MinValue, ledger.HorizonMs);
        for (var i = 0; i < 1_600; i++)
            ledger.Reserve([Candidate(0, (ulong)i + 1, ms: 10_000 + i)]).Commit();
        // Generations of 500, two kept: the first thousand (times 10,000 to 10,999) are forgotten.
        Assert.Equal(10_999, ledger.HorizonMs);
        Assert.False(ledger.Contains(1_000));
        Assert.True(ledger.Contains(1_001));
        Assert.True(ledger.Contains(1_600));
    }

    [Fact]
    public void What_influxdb_holds_counts_as_taken_and_as_stored()
    {
        var ledger = new RatingLedger(10_000);
        var stored = new StoredPoints([99], [StableHash.Slot(7, 1_000_000_005)]);
        var r = ledger.Reserve([Candidate(0, 5), Candidate(1, 99)], stored);
        Assert.Equal(1_000_000_006L, Assert.Single(r.Taken).TimestampNs);
        Assert.Equal(1, r.Duplicates);
    }
}
