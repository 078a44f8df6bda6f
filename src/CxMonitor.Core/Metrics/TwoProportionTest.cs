namespace CxMonitor.Core.Metrics;

/// <summary>The result of a pooled two-proportion z-test.</summary>
/// <param name="Z">Positive when the first proportion is the higher one.</param>
/// <param name="PValue">Two-sided p-value, in [0, 1].</param>
public readonly record struct TwoProportionTest(double Z, double PValue);
