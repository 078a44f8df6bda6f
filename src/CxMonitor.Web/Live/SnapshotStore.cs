using System.Collections.Concurrent;

namespace CxMonitor.Web.Live;

/// <summary>The latest snapshot of every scope and window, so a client that connects or
/// reconnects gets the current state at once instead of waiting for the next job run.</summary>
public sealed class SnapshotStore
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
        return changed;
    }

    public IReadOnlyList<LiveSnapshot> For(IReadOnlyCollection<string> scopes, string? window = null) =>
        _latest.Values.Where(s => (scopes.Count == 0 || scopes.Contains(s.Scope)) && (window is null || s.Window == window))
            .OrderBy(s => s.Scope, StringComparer.Ordinal).ThenBy(s => s.Window, StringComparer.Ordinal).ToList();

    public LiveSnapshot? Get(string scope, string window) => _latest.TryGetValue((scope, window), out var s) ? s : null;

    private static bool SameFigures(LiveSnapshot a, LiveSnapshot b) => a with { ComputedAt = b.ComputedAt } == b;
}
