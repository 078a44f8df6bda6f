using CxMonitor.Core.Alerts;

namespace CxMonitor.Core.Tests.Alerts;

/// <summary>Burst rules ask only the status for every item and format the values only when an
/// alert changes (issue 19): the status alone must be the status that comes with the values.</summary>
public class BurstStatusAlone
{
    [Fact]
    public void The_status_alone_is_the_status_with_the_values_for_any_count_share_and_usual()
    {
        var random = new Random(19);
        for (var i = 0; i < 20_000; i++)
        {
            var c = new CountCondition(random.Next(1, 12), TimeSpan.FromMinutes(15), random.Next(0, 6))
            {
                AboveUsual = 1 + random.NextDouble() * 3, MaxPValue = random.Next(3) switch { 0 => 0.001, 1 => 0.05, _ => 0.000001 },
            };
            var n = random.Next(0, 300);
            var negatives = n == 0 ? random.Next(0, 3) : random.Next(0, n + 1);
            double? usual = random.Next(5) == 0 ? null : random.Next(8) == 0 ? random.Next(2) : random.NextDouble() * 0.5;

            Assert.Equal(RuleConditions.CountAboveUsual(c, c.AboveUsual!.Value, negatives, n, usual).Status,
                RuleConditions.CountAboveUsualStatus(c, c.AboveUsual.Value, negatives, n, usual));
            Assert.Equal(RuleConditions.Count(c, negatives).Status, RuleConditions.CountStatus(c, negatives));
        }
    }

    [Fact]
    public void A_burst_that_fires_carries_every_value_and_one_already_firing_is_left_alone_until_it_clears()
    {
        var rule = new CriticalMomentRule { Name = "burst", Kind = RuleKind.Burst, GroupBy = "site", Count = new CountCondition(3, TimeSpan.FromMinutes(10), 1) };
        var t = new RuleTimeline(rule);
        for (var i = 0; i < 5; i++)
            t.Events(RuleTimeline.Min(i), RuleTimeline.Rating(RuleTimeline.Min(i), "north", 1, 0, negative: true));

        var fired = Assert.Single(t.Notices);
        Assert.Equal("firing", fired.Notice);
        Assert.Equal(new Dictionary<string, string> { ["value"] = "3", ["bound"] = "3", ["within"] = "10 min" }, fired.Alert.Values);
        t.Tick(RuleTimeline.Min(30));
        Assert.Equal("2m:firing 30m:resolved", t.NoticeLog);
    }
}
