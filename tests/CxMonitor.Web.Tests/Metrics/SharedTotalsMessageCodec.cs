using CxMonitor.Core.Alerts;
using CxMonitor.Core.Metrics;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Metrics.Recent;

namespace CxMonitor.Web.Tests.Metrics;

/// <summary>A share between nodes carries every counted figure: a figure added to
/// SatisfactionTotals but not to the message would be lost on the other nodes.</summary>
public sealed class SharedTotalsMessageCodec
{
    [Fact]
    public void Every_figure_of_the_totals_survives_a_round_trip()
    {
        var totals = SatisfactionTotals.Empty;
        var value = 1;
        foreach (var property in typeof(SatisfactionTotals).GetProperties().Where(p => p.CanWrite))
        {
            var copy = totals with { };
            property.SetValue(copy, property.PropertyType == typeof(long) ? (object)(long)value : value + 0.25);
            totals = copy;
            value++;
        }
        var message = new SharedTotalsMessage(Guid.NewGuid(), 42, 7,
            [(29_000_000L, new SatisfactionCell("kyiv-khreshchatyk", "web", "доставка"), totals), (-5, new SatisfactionCell("", "", ""), SatisfactionTotals.Empty)],
            [new AlertEvent { Kind = "review", Time = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), Site = "київ", Negative = true },
             new AlertEvent { Kind = "rating", Time = DateTimeOffset.UnixEpoch, Site = "north", Channel = "", Touchpoint = "доставка" }]);

        var decoded = SharedTotalsMessage.Decode(message.Encode());

        Assert.NotNull(decoded);
        Assert.Equal((message.Node, message.Sequence, message.DeliveredBefore), (decoded.Node, decoded.Sequence, decoded.DeliveredBefore));
        Assert.Equal(message.Minutes, decoded.Minutes);
        // Counted items keep what burst and review-spike rules read (an empty channel is not a missing one), marked as another node's.
        Assert.Equal(message.Counted.Select(e => e with { FromOtherNode = true }), decoded.Counted);
        Assert.True(value > 16, "every figure was set");
    }

    [Fact]
    public void A_message_of_another_version_is_not_read()
    {
        var bytes = new SharedTotalsMessage(Guid.NewGuid(), 1, 0, [], []).Encode();
        bytes[0] = 99;
        Assert.Null(SharedTotalsMessage.Decode(bytes));
        Assert.Null(SharedTotalsMessage.Decode([]));
    }

    [Fact]
    public void A_version_1_message_of_the_release_before_is_read_without_counted_items()
    {
        var v2 = new SharedTotalsMessage(Guid.NewGuid(), 3, 9, [(29_000_000L, new SatisfactionCell("north", "web", "tp1"), SatisfactionTotals.Empty)], []).Encode();
        // Version 1 was version 2 without the trailing count of items.
        var v1 = v2[..^4];
        v1[0] = 1;

        var decoded = SharedTotalsMessage.Decode(v1);

        Assert.NotNull(decoded);
        Assert.Equal((3L, 9L, 1), (decoded.Sequence, decoded.DeliveredBefore, decoded.Minutes.Count));
        Assert.Empty(decoded.Counted);
    }

    [Fact]
    public void A_node_id_tells_when_the_node_started_and_an_older_releases_id_tells_nothing()
    {
        var started = DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_123);
        Assert.Equal(started, SharedRecentTotals.StartedAt(Guid.CreateVersion7(started)));
        var node = new SharedRecentTotals(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), null!, null!, null!,
            Microsoft.Extensions.Options.Options.Create(new MetricsOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<SharedRecentTotals>.Instance).Node;
        Assert.InRange(SharedRecentTotals.StartedAt(node)!.Value, DateTimeOffset.UtcNow.AddSeconds(-5), DateTimeOffset.UtcNow);
        Assert.Null(SharedRecentTotals.StartedAt(Guid.NewGuid()));
    }
}
