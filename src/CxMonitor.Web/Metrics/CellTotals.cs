using CxMonitor.Core.Metrics;

namespace CxMonitor.Web.Metrics;

/// <summary>Totals per cell, and their sums per scope.</summary>
public sealed class CellTotals
{
    public Dictionary<SatisfactionCell, SatisfactionTotals> Cells { get; } = [];

    public void Add(CellTotals other)
    {
        foreach (var (cell, totals) in other.Cells)
            Cells[cell] = Cells.TryGetValue(cell, out var t) ? t + totals : totals;
    }

    public Dictionary<SatisfactionScope, SatisfactionTotals> ByScope()
    {
        var scopes = new Dictionary<SatisfactionScope, SatisfactionTotals>();
        foreach (var (cell, totals) in Cells)
        {
            foreach (var scope in SatisfactionScope.Of(cell))
                scopes[scope] = scopes.TryGetValue(scope, out var t) ? t + totals : totals;
        }
        return scopes;
    }
}
