using CxMonitor.Core.Metrics;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Metrics.Recent;

namespace CxMonitor.Web.Tests.Metrics;

/// <summary>While a reload reads its minutes, memory notes which of them anything was added to
/// (decision 0027): those may be counted twice or wiped by the replace, and are read again.</summary>
public sealed class RecentTotalsWatch
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 30, 20, TimeSpan.FromHours(5.5));

    [Fact]
    public void Only_minutes_of_the_watched_span_added_to_while_watching_are_noted()
    {
        var recent = new RecentTotals(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));
        recent.Warm(CellReader.Floor(Now).AddHours(-3), []);
        var cell = new SatisfactionCell("north", "web", "checkout");
        var one = new SatisfactionTotals { Ratings = 1 };
        var (from, to) = (Now.AddMinutes(-20), Now.AddMinutes(-2)); // 12:10:20 to 12:28:20, +05:30
        recent.Add([(Now.AddMinutes(-10), cell, one)]); // before the watch: not noted

        recent.Watch(from, to);
        recent.Add([(Now.AddMinutes(-10), cell, one), (Now.AddMinutes(-10).AddSeconds(5), cell, one), (Now.AddMinutes(-1), cell, one), (Now.AddMinutes(-30), cell, one)]);
        recent.Add([(Now.AddMinutes(-19).AddSeconds(-20), cell, one)]); // 12:11:00, inside
        var touched = recent.EndWatch();
        recent.Add([(Now.AddMinutes(-5), cell, one)]); // after: not noted

        Assert.Equal([Minute(Now.AddMinutes(-19).AddSeconds(-20)), Minute(Now.AddMinutes(-10))], touched);
        Assert.Empty(recent.EndWatch());
    }

    private static DateTimeOffset Minute(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
