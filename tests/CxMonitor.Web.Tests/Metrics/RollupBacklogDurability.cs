using CxMonitor.Web.Data;
using CxMonitor.Web.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CxMonitor.Web.Tests.Metrics;

/// <summary>The waiting hours against a real app-state file: what is durable when, and what a
/// second instance on the same file (the app after a restart) finds.</summary>
public sealed class RollupBacklogDurability(TempFolder folder) : IClassFixture<TempFolder>
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task An_hour_is_in_app_state_before_the_hold_returns_and_a_restart_finds_it()
    {
        var (backlog, store) = Open(out var state);

        using (await backlog.HoldAsync([Nine.AddMinutes(5), Nine.AddMinutes(50), Nine.AddHours(3)]))
            Assert.Equal([Nine, Nine.AddHours(3)], (await store.LoadAsync(default)).Select(h => h.Start));

        var (restarted, _) = Open(state);
        await restarted.LoadAsync();
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([Nine, Nine.AddHours(3)], (await restarted.TakeAsync(_clock.GetUtcNow(), default)).Select(h => h.Start));
    }

    [Fact]
    public async Task Hours_that_take_turns_in_a_batch_are_each_written_held_and_released()
    {
        var (backlog, store) = Open(out _);
        Assert.Empty(await store.LoadAsync(default));
        using (await backlog.HoldAsync([]))
            Assert.Empty(await store.LoadAsync(default));

        using (await backlog.HoldAsync([Nine, Nine.AddHours(1), Nine.AddMinutes(10), Nine.AddHours(2), Nine.AddHours(1).AddMinutes(5)]))
        {
            Assert.Equal([Nine, Nine.AddHours(1), Nine.AddHours(2)], (await store.LoadAsync(default)).Select(h => h.Start).Order());
            _clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Empty(await backlog.TakeAsync(_clock.GetUtcNow(), default));
        }
        // Released: once the spool has passed the release, each hour is taken, once.
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([Nine, Nine.AddHours(1), Nine.AddHours(2)], (await backlog.TakeAsync(_clock.GetUtcNow(), default)).Select(h => h.Start));
        Assert.Empty(await backlog.TakeAsync(_clock.GetUtcNow(), default));
    }

    [Fact]
    public async Task A_held_hour_is_not_taken_and_neither_is_one_spooled_after_the_spool_position()
    {
        var (backlog, _) = Open(out _);
        var lease = await backlog.HoldAsync([Nine]);
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(await backlog.TakeAsync(_clock.GetUtcNow(), default));
        var spooledAt = _clock.GetUtcNow();
        lease.Dispose();
        Assert.Empty(await backlog.TakeAsync(spooledAt, default)); // the spool still holds items from then
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([Nine], (await backlog.TakeAsync(_clock.GetUtcNow(), default)).Select(h => h.Start));
    }

    [Fact]
    public async Task An_hour_marked_again_while_its_rollup_runs_stays_in_app_state()
    {
        var (backlog, store) = Open(out _);
        (await backlog.HoldAsync([Nine])).Dispose();
        _clock.Advance(TimeSpan.FromSeconds(1));
        var taken = await backlog.TakeAsync(_clock.GetUtcNow(), default);

        (await backlog.HoldAsync([Nine.AddMinutes(30)])).Dispose(); // a late rating while the job rolls up
        await backlog.CompleteAsync(taken, default);

        Assert.Equal([Nine], (await store.LoadAsync(default)).Select(h => h.Start));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var again = await backlog.TakeAsync(_clock.GetUtcNow(), default);
        await backlog.CompleteAsync(again, default);
        Assert.Empty(await store.LoadAsync(default));
    }

    [Fact]
    public async Task Hours_of_a_failed_rollup_wait_for_the_next_run()
    {
        var (backlog, store) = Open(out _);
        (await backlog.HoldAsync([Nine, Nine.AddHours(1)])).Dispose();
        _clock.Advance(TimeSpan.FromSeconds(1));
        var taken = await backlog.TakeAsync(_clock.GetUtcNow(), default);

        backlog.Return(taken);

        Assert.Equal(2, (await backlog.TakeAsync(_clock.GetUtcNow(), default)).Count);
        Assert.Equal(2, (await store.LoadAsync(default)).Count);
    }

    [Fact]
    public async Task Concurrent_requests_into_the_same_hours_each_wait_for_the_one_write()
    {
        var (backlog, store) = Open(out _);
        var hours = Enumerable.Range(0, 24).Select(h => Nine.AddHours(h)).ToArray();

        var leases = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() => backlog.HoldAsync(hours.Skip(i % 8).Take(12)))));

        var rows = await store.LoadAsync(default);
        Assert.Equal(hours.Take(19), rows.Select(h => h.Start));
        Assert.Equal(19, backlog.Count);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(await backlog.TakeAsync(_clock.GetUtcNow(), default));
        foreach (var lease in leases)
            lease.Dispose();
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(19, (await backlog.TakeAsync(_clock.GetUtcNow(), default)).Count);
    }

    private (RollupBacklog, RollupBacklogStore) Open(out string state)
    {
        state = folder.NewSub();
        return Open(state);
    }

    private (RollupBacklog, RollupBacklogStore) Open(string state)
    {
        var db = new AppStateDb(Options.Create(new AppStateOptions { Directory = state }), new AppStateMigrations());
        var store = new RollupBacklogStore(db);
        return (new RollupBacklog(store, _clock, NullLogger<RollupBacklog>.Instance), store);
    }
}
