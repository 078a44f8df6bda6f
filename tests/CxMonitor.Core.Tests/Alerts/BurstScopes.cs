using CxMonitor.Core.Alerts;
using static CxMonitor.Core.Tests.Alerts.RuleTimeline;

namespace CxMonitor.Core.Tests.Alerts;

/// <summary>Burst rules find their scope's window by the item's names (issue 19): each scope
/// still counts only its own items, an item without the scope's dimension is not counted, and a
/// new rule set keeps the windows of unchanged rules and starts changed ones afresh.</summary>
public class BurstScopes
{
    private static CriticalMomentRule Burst(string groupBy, int atLeast = 3) =>
        new() { Name = "burst", Kind = RuleKind.Burst, GroupBy = groupBy, Count = new CountCondition(atLeast, Min(10), 1) };

    private static AlertEvent Negative(TimeSpan at, string site, string? channel = null, string? touchpoint = null) =>
        Rating(at, new string(site.AsSpan()), 1, 0, negative: true) with
        {
            Channel = channel is null ? null : new string(channel.AsSpan()),
            Touchpoint = touchpoint is null ? null : new string(touchpoint.AsSpan()),
        };

    [Theory]
    [InlineData("all", "0m:firing:all")]
    [InlineData("site", "1m:firing:site:north 2m:firing:site:south")]
    [InlineData("channel", "2m:firing:channel:web")]
    [InlineData("touchpoint", "1m:firing:touchpoint:checkout")]
    [InlineData("site-touchpoint", "2m:firing:site-touchpoint:north/checkout")]
    public void Each_scope_counts_its_own_items_and_items_without_its_dimension_are_not_counted(string groupBy, string expected)
    {
        var t = new RuleTimeline(Burst(groupBy));
        t.Events(Min(0), Negative(Min(0), "north", "web", "checkout"), Negative(Min(0), "south", "app", "checkout"), Negative(Min(0), "north", null, null));
        t.Events(Min(1), Negative(Min(1), "north", "app", "checkout"), Negative(Min(1), "south", "web", "arrival"));
        t.Events(Min(2), Negative(Min(2), "north", "web", "checkout"), Negative(Min(2), "south", "web", null));

        Assert.Equal(expected, string.Join(" ", t.Notices.Select(n => $"{(n.At - Start).TotalMinutes:0}m:{n.Notice}:{n.Alert.Scope}")));
    }

    [Fact]
    public void Thousands_of_alike_touchpoints_each_keep_their_own_count()
    {
        var t = new RuleTimeline(Burst("site-touchpoint"));
        // Names that differ in one character, as someone filling the tables would send them.
        t.Events(Min(0), [.. Enumerable.Range(0, 5_000).SelectMany(i => new[] { Negative(Min(0), "north", "web", $"tp-{i:D5}"), Negative(Min(0), "north", "web", $"tp-{i:D5}") })]);
        Assert.Empty(t.Notices);

        t.Events(Min(1), Negative(Min(1), "north", "web", "tp-04711"), Negative(Min(1), "north", "web", "tp-04712x"));

        Assert.Equal("site-touchpoint:north/tp-04711", Assert.Single(t.Notices).Alert.Scope);
    }

    [Fact]
    public void A_new_rule_set_keeps_an_unchanged_bursts_count_and_restarts_a_changed_one()
    {
        var t = new RuleTimeline(Burst("site"), Burst("site-touchpoint") with { Name = "tp" });
        t.Events(Min(0), Negative(Min(0), "north", "web", "checkout"), Negative(Min(0), "north", "web", "checkout"));

        t.Evaluator.SetRules([Burst("site"), Burst("site-touchpoint", atLeast: 4) with { Name = "tp" }]);
        t.Events(Min(1), Negative(Min(1), "north", "web", "checkout"));
        Assert.Equal("1m:firing:burst:site:north", string.Join(" ", t.Notices.Select(n => $"{(n.At - Start).TotalMinutes:0}m:{n.Notice}:{n.Alert.Rule}:{n.Alert.Scope}")));

        t.Events(Min(2), Negative(Min(2), "north", "web", "checkout"), Negative(Min(2), "north", "web", "checkout"), Negative(Min(2), "north", "web", "checkout"));
        Assert.Equal("tp", t.Notices[^1].Alert.Rule); // four counted since the change, not six
        Assert.Equal("4", t.Notices[^1].Alert.Values["value"]);
    }
}
