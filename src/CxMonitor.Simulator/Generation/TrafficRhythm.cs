namespace CxMonitor.Simulator.Generation;

/// <summary>How busy a moment is in site-local time, relative to an ordinary hour (about 1).</summary>
public static class TrafficRhythm
{
    // Indexed by DayOfWeek (Sunday = 0). Retail peaks on weekends; online shopping barely does.
    private static readonly double[] _storeWeek = [1.30, 0.85, 0.90, 0.95, 1.00, 1.15, 1.45];
    private static readonly double[] _onlineWeek = [1.15, 1.05, 1.00, 1.00, 1.00, 0.95, 0.95];

    /// <summary>Visitors in a store: a lunch peak and a bigger after-work peak.</summary>
    public static double Store(DateTime local)
    {
        var h = local.TimeOfDay.TotalHours;
        var daily = 0.35 + 1.0 * Bump(h, 12.75, 1.1) + 1.2 * Bump(h, 18.0, 1.6);
        return daily * _storeWeek[(int)local.DayOfWeek];
    }

    /// <summary>Web, app and email: quiet at night, a lunch-break peak and a sofa-time evening peak.</summary>
    public static double Online(DateTime local)
    {
        var h = local.TimeOfDay.TotalHours;
        var daily = 0.08 + 0.3 * Bump(h, 9.0, 1.5) + 0.6 * Bump(h, 12.5, 1.5) + 1.0 * Bump(h, 20.5, 2.0);
        return daily * _onlineWeek[(int)local.DayOfWeek];
    }

    private static double Bump(double hour, double centre, double width)
    {
        var d = (hour - centre) / width;
        return Math.Exp(-0.5 * d * d);
    }
}
