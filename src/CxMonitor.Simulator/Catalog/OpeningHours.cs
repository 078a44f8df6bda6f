namespace CxMonitor.Simulator.Catalog;

/// <summary>A site's weekly opening hours in its own local time; whole hours are enough for the demo.</summary>
public sealed class OpeningHours
{
    // Indexed by DayOfWeek (Sunday = 0); null means closed all day.
    private readonly (int Open, int Close)?[] _days;

    private OpeningHours((int Open, int Close)?[] days) => _days = days;

    public static OpeningHours Daily(int open, int close) =>
        new(Enumerable.Repeat<(int, int)?>((open, close), 7).ToArray());

    public static OpeningHours MondayToSaturday((int Open, int Close) weekdays, (int Open, int Close)? sunday)
    {
        var days = Enumerable.Repeat<(int, int)?>(weekdays, 7).ToArray();
        days[(int)DayOfWeek.Sunday] = sunday;
        return new OpeningHours(days);
    }

    public bool IsOpen(DateTime local)
    {
        if (_days[(int)local.DayOfWeek] is not { } hours)
            return false;
        var hour = local.TimeOfDay.TotalHours;
        return hour >= hours.Open && hour < hours.Close;
    }

    /// <summary>Hours the site is open on the given local day, or null when closed.</summary>
    public (int Open, int Close)? On(DayOfWeek day) => _days[(int)day];
}
