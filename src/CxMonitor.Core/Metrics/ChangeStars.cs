namespace CxMonitor.Core.Metrics;

/// <summary>
/// Which changes against the baseline earn a star. Hundreds of scopes are tested every few
/// seconds, so a plain p &lt; 0.05 stars dozens of changes by chance, and at large n it stars
/// moves too small to matter. A change is starred only when it survives the Benjamini–Hochberg
/// false-discovery-rate correction across the family of scopes tested together and is at least
/// the minimum effect.
/// </summary>
public static class ChangeStars
{
    /// <summary>Benjamini–Hochberg step-up: with m p-values sorted ascending, the largest k with
    /// p₍ₖ₎ ≤ k·q/m; the k smallest are discoveries. Null p-values (no test) are not in the family.</summary>
    /// <returns>Per input, whether it is a discovery.</returns>
    public static bool[] BenjaminiHochberg(IReadOnlyList<double?> pValues, double q)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(q);
        var tested = pValues.Select((p, i) => (P: p, Index: i)).Where(x => x.P is not null).OrderBy(x => x.P).ToArray();
        var result = new bool[pValues.Count];
        var m = tested.Length;
        var last = -1;
        for (var k = 0; k < m; k++)
        {
            if (tested[k].P <= (k + 1) * q / m)
                last = k;
        }
        for (var k = 0; k <= last; k++)
            result[tested[k].Index] = true;
        return result;
    }

    /// <summary>Stars: a BH discovery at <paramref name="q"/> whose change is at least
    /// <paramref name="minimumEffect"/> either way.</summary>
    public static bool[] Star(IReadOnlyList<(double? PValue, double? Change)> changes, double q, double minimumEffect)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var discoveries = BenjaminiHochberg(changes.Select(c => c.Change is null ? null : c.PValue).ToArray(), q);
        return changes.Select((c, i) => discoveries[i] && c.Change is { } change && Math.Abs(change) >= minimumEffect).ToArray();
    }
}
