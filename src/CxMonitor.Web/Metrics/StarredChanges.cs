using CxMonitor.Core.Metrics;

namespace CxMonitor.Web.Metrics;

/// <summary>Which of the changes compared together earn a star (<see cref="ChangeStars"/>), CSAT
/// and NPS each with their own test, family and minimum effect.</summary>
public static class StarredChanges
{
    public static (bool Csat, bool Nps)[] Of(IReadOnlyList<SatisfactionSnapshot> snapshots, MetricsOptions options)
    {
        var csat = ChangeStars.Star(snapshots.Select(s => (s.Baseline?.CsatPValue, s.Baseline?.CsatChange)).ToArray(), options.FalseDiscoveryRate, options.MinimumCsatEffect);
        var nps = ChangeStars.Star(snapshots.Select(s => (s.Baseline?.NpsPValue, s.Baseline?.NpsChange)).ToArray(), options.FalseDiscoveryRate, options.MinimumNpsEffect);
        return csat.Zip(nps).ToArray();
    }
}
