using System.Collections.Concurrent;
using CxMonitor.Core.Metrics;

namespace CxMonitor.Web.Live;

/// <summary>The latest snapshot of every scope and window, so a client that connects or
/// reconnects gets the current state at once instead of waiting for the next job run.</summary>
public sealed class SnapshotStore(TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string Scope, string Window), LiveSnapshot> _latest = new();

    public DateTimeOffset? LastComputed { get; private set; }

    public CxMonitor.Web.Metrics.RollingRunReport? LastRun { get; set; }

    /// <summary>Stores a run's snapshots and returns the ones whose figures changed.</summary>
    public IReadOnlyList<LiveSnapshot> Update(IEnumerable<LiveSnapshot> snapshots, DateTimeOffset computedAt)
    {
        var changed = new List<LiveSnapshot>();
        foreach (var s in snapshots)
        {
            var key = (s.Scope, s.Window);
            if (!_latest.TryGetValue(key, out var old) || !SameFigures(old, s))
                changed.Add(s);
            _latest[key] = s;
        }
        LastComputed = computedAt;
        Computed?.Invoke(snapshots as IReadOnlyList<LiveSnapshot> ?? [.. snapshots], computedAt);
        return changed;
    }

    /// <summary>Raised after this node's own run was stored (<see cref="SnapshotShare"/> hands it
    /// to the other nodes). Handlers must not throw or wait.</summary>
    public event Action<IReadOnlyList<LiveSnapshot>, DateTimeOffset>? Computed;

    /// <summary>Takes another node's run: its walls already had the changes live (the backplane),
    /// so nothing is pushed; a figure never replaces a newer one (a message that arrives late).</summary>
    public void Take(IReadOnlyList<LiveSnapshot> snapshots, DateTimeOffset computedAt)
    {
        foreach (var s in snapshots)
            _latest.AddOrUpdate((s.Scope, s.Window), s, (_, old) => old.ComputedAt > s.ComputedAt ? old : s);
        if (LastComputed is not { } last || last < computedAt)
            LastComputed = computedAt;
    }

    public IReadOnlyList<LiveSnapshot> For(IReadOnlyCollection<string> scopes, string? window = null)
    {
        var now = clock.GetUtcNow();
        return _latest.Values.Where(s => (scopes.Count == 0 || scopes.Contains(s.Scope)) && (window is null || s.Window == window))
            .Select(s => AsOf(s, now))
            .OrderBy(s => s.Scope, StringComparer.Ordinal).ThenBy(s => s.Window, StringComparer.Ordinal).ToList();
    }

    public LiveSnapshot? Get(string scope, string window) => _latest.TryGetValue((scope, window), out var s) ? AsOf(s, clock.GetUtcNow()) : null;

    /// <summary>When the job has stopped (InfluxDB down, the node paused), a 15m figure from an
    /// hour ago is about ratings that have all left the window: it must not pass for live.</summary>
    internal static LiveSnapshot AsOf(LiveSnapshot s, DateTimeOffset now)
    {
        if (!SatisfactionWindows.TryParse(s.Window, out var window) || now - s.ComputedAt <= SatisfactionWindows.Length(window))
            return s;
        return Stale(s);
    }

    /// <summary>Only the scope, window and time of computation survive.</summary>
    public static LiveSnapshot Stale(LiveSnapshot s) => new(s.Scope, s.Window, StaleState, 0, null, null, null, null, null, null, null, null, null,
        0, 0, null, null, null, false, s.ComputedAt);

    /// <summary>The state of a snapshot older than its window (beside Ok, NotEnoughData, NoData).</summary>
    public const string StaleState = "Stale";

    private static bool SameFigures(LiveSnapshot a, LiveSnapshot b) => a with { ComputedAt = b.ComputedAt } == b;
}
