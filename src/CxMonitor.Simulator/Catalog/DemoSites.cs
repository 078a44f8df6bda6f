using CxMonitor.Simulator.Generation;

namespace CxMonitor.Simulator.Catalog;

/// <summary>
/// The demo catalog. The ids are shared with the app's demo catalog, so they must not
/// change here alone; <c>--sites N</c> takes the first N in this order.
/// </summary>
public static class DemoSites
{
    private static readonly WeightedChoice<string> _english = new([("en", 1)]);

    public static IReadOnlyList<DemoSite> All { get; } =
    [
        new("london-oxford-st", "London Oxford Street", "Europe/London",
            OpeningHours.MondayToSaturday((9, 21), sunday: (11, 17)),
            BaseSatisfaction: 0.76, Traffic: 1.4, _english),
        new("berlin-alexanderplatz", "Berlin Alexanderplatz", "Europe/Berlin",
            OpeningHours.MondayToSaturday((9, 20), sunday: null),
            BaseSatisfaction: 0.74, Traffic: 1.1, _english),
        new("kyiv-khreshchatyk", "Kyiv Khreshchatyk", "Europe/Kyiv",
            OpeningHours.Daily(8, 22),
            BaseSatisfaction: 0.80, Traffic: 1.0, new([("uk", 0.6), ("ru", 0.3), ("en", 0.1)])),
        new("warsaw-centrum", "Warsaw Centrum", "Europe/Warsaw",
            OpeningHours.MondayToSaturday((9, 21), sunday: (10, 18)),
            BaseSatisfaction: 0.77, Traffic: 0.9, _english),
        new("riga-old-town", "Riga Old Town", "Europe/Riga",
            OpeningHours.Daily(10, 20),
            BaseSatisfaction: 0.79, Traffic: 0.6, new([("ru", 0.55), ("en", 0.45)])),
        new("new-york-5th-ave", "New York Fifth Avenue", "America/New_York",
            OpeningHours.MondayToSaturday((10, 21), sunday: (11, 19)),
            BaseSatisfaction: 0.72, Traffic: 1.3, _english),
    ];
}
