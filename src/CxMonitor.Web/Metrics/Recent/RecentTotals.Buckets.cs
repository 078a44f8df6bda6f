using CxMonitor.Core.Metrics;

namespace CxMonitor.Web.Metrics.Recent;

// Memory's buckets: per minute and per hour, each cell's running totals by its key.
public sealed partial class RecentTotals
{
    /// <summary>Drops the keys of cells no bucket holds any more (once an hour), so that names
    /// that stopped coming do not pile up. Only keys held nowhere: a cell never has two keys.</summary>
    private void ForgetCellsNotHeld()
    {
        var held = new HashSet<CellKey>();
        foreach (var buckets in (ReadOnlySpan<Dictionary<long, Dictionary<CellKey, RunningTotals>>>)[_minutes, _hours])
        {
            foreach (var cells in buckets.Values)
                held.UnionWith(cells.Keys);
        }
        foreach (var (cell, key) in _cells)
        {
            if (!held.Contains(key))
                _cells.Remove(cell);
        }
    }

    private static RunningTotals Add(Dictionary<long, Dictionary<CellKey, RunningTotals>> buckets, long bucket, CellKey key, SatisfactionTotals totals)
    {
        if (!buckets.TryGetValue(bucket, out var cells))
            buckets[bucket] = cells = [];
        ref var sum = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(cells, key, out var exists);
        if (exists)
            sum!.Add(totals);
        else
            sum = new RunningTotals(totals);
        return sum;
    }

    private static void Add(Dictionary<long, Dictionary<CellKey, RunningTotals>> buckets, long bucket, CellKey key, RunningTotals totals) =>
        Add(buckets, bucket, key, totals.ToTotals());

    private static void AddTo(Dictionary<CellKey, RunningTotals> sums, Dictionary<CellKey, RunningTotals> cells, IReadOnlyCollection<string>? sites)
    {
        foreach (var (key, totals) in cells)
        {
            if (sites is not null && !sites.Contains(key.Cell.Site))
                continue;
            ref var sum = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(sums, key, out var exists);
            if (exists)
                sum!.Add(totals);
            else
                sum = totals.Copy();
        }
    }

    /// <summary>One object per cell, compared by reference, with the sums its latest item went to.</summary>
    private sealed class CellKey(SatisfactionCell cell)
    {
        public SatisfactionCell Cell { get; } = cell;

        public long Minute = long.MinValue;

        public long Removals = -1;

        public RunningTotals? MinuteTotals;

        public RunningTotals? HourTotals;
    }
}
