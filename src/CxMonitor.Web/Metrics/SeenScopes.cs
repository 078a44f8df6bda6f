using System.Collections.Concurrent;
using CxMonitor.Core.Metrics;

namespace CxMonitor.Web.Metrics;

/// <summary>The scopes that had data in a window at some run since start, so that a scope whose
/// window has emptied is computed again (as no data) instead of keeping its last figures.</summary>
internal sealed class SeenScopes
{
    private readonly ConcurrentDictionary<SatisfactionWindow, ConcurrentDictionary<SatisfactionScope, byte>> _byWindow = new();

    /// <summary>Remembers the scopes with data now and returns those seen before that have none.</summary>
    public IReadOnlyList<SatisfactionScope> Emptied(SatisfactionWindow window, IEnumerable<SatisfactionScope> withData)
    {
        var seen = _byWindow.GetOrAdd(window, _ => new());
        var now = withData.ToHashSet();
        foreach (var scope in now)
            seen.TryAdd(scope, 0);
        return seen.Keys.Where(s => !now.Contains(s)).ToList();
    }
}
