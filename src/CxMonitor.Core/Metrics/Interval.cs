namespace CxMonitor.Core.Metrics;

/// <summary>A closed confidence interval, in the unit of the figure it belongs to.</summary>
public readonly record struct Interval(double Low, double High);
