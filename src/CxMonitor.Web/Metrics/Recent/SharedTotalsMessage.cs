using CxMonitor.Core.Alerts;
using CxMonitor.Core.Metrics;

namespace CxMonitor.Web.Metrics.Recent;

/// <summary>One node's share through Redis: the minute totals it accepted since its last message,
/// its sequence number (so a receiver sees a gap), and its spool backlog (so a receiver knows
/// whether InfluxDB holds everything that node acknowledged, before reconciling from it), and
/// the items burst and review-spike rules count (only time, kind, negative and scope fields), so
/// those rules count every node's items. Decoded items are marked as from another node.</summary>
public sealed record SharedTotalsMessage(
    Guid Node,
    long Sequence,
    long DeliveredBefore,
    IReadOnlyList<(long Minute, SatisfactionCell Cell, SatisfactionTotals Totals)> Minutes,
    IReadOnlyList<AlertEvent> Counted)
{
    // 2: counted items for burst and review-spike rules added after the minutes.
    private const byte Version = 2;

    [Flags]
    private enum ItemFlags : byte
    {
        Review = 1,
        Negative = 2,
        Channel = 4,
        Touchpoint = 8,
    }

    public byte[] Encode()
    {
        using var stream = new MemoryStream(64 + Minutes.Count * 96);
        using (var w = new BinaryWriter(stream))
        {
            w.Write(Version);
            w.Write(Node.ToByteArray());
            w.Write(Sequence);
            w.Write(DeliveredBefore);
            w.Write(Minutes.Count);
            foreach (var (minute, cell, t) in Minutes)
            {
                w.Write(minute);
                w.Write(cell.Site);
                w.Write(cell.Channel);
                w.Write(cell.Touchpoint);
                w.Write(t.Ratings);
                w.Write(t.CsatRatings);
                w.Write(t.CsatSatisfied);
                w.Write(t.NpsRatings);
                w.Write(t.Promoters);
                w.Write(t.Detractors);
                w.Write(t.NormSum);
                w.Write(t.CesRatings);
                w.Write(t.CesSum);
                w.Write(t.Dissatisfied);
                w.Write(t.Reviews);
                w.Write(t.StarredReviews);
                w.Write(t.StarsSum);
                w.Write(t.NegativeReviews);
                w.Write(t.SentimentSum);
                w.Write(t.SentimentCount);
            }
            w.Write(Counted.Count);
            foreach (var e in Counted)
            {
                w.Write(e.Time.UtcTicks);
                w.Write((byte)((e.Kind == "review" ? ItemFlags.Review : 0) | (e.Negative ? ItemFlags.Negative : 0)
                    | (e.Channel is null ? 0 : ItemFlags.Channel) | (e.Touchpoint is null ? 0 : ItemFlags.Touchpoint)));
                w.Write(e.Site);
                if (e.Channel is not null)
                    w.Write(e.Channel);
                if (e.Touchpoint is not null)
                    w.Write(e.Touchpoint);
            }
        }
        return stream.ToArray();
    }

    /// <summary>Null for a message of an unknown version (a node of a newer release during a
    /// rolling upgrade): the receiver treats it as missed and reconciles.</summary>
    public static SharedTotalsMessage? Decode(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes));
        if (bytes.Length == 0)
            return null;
        // Version 1 (the release before, without counted items) is still read, so a new node
        // keeps its totals exact while old ones are upgraded one at a time.
        var version = r.ReadByte();
        if (version is not (1 or Version))
            return null;
        var node = new Guid(r.ReadBytes(16));
        var sequence = r.ReadInt64();
        var deliveredBefore = r.ReadInt64();
        var count = r.ReadInt32();
        var minutes = new List<(long, SatisfactionCell, SatisfactionTotals)>(count);
        for (var i = 0; i < count; i++)
        {
            var minute = r.ReadInt64();
            var cell = new SatisfactionCell(r.ReadString(), r.ReadString(), r.ReadString());
            minutes.Add((minute, cell, new SatisfactionTotals
            {
                Ratings = r.ReadInt64(),
                CsatRatings = r.ReadInt64(),
                CsatSatisfied = r.ReadInt64(),
                NpsRatings = r.ReadInt64(),
                Promoters = r.ReadInt64(),
                Detractors = r.ReadInt64(),
                NormSum = r.ReadDouble(),
                CesRatings = r.ReadInt64(),
                CesSum = r.ReadDouble(),
                Dissatisfied = r.ReadInt64(),
                Reviews = r.ReadInt64(),
                StarredReviews = r.ReadInt64(),
                StarsSum = r.ReadDouble(),
                NegativeReviews = r.ReadInt64(),
                SentimentSum = r.ReadDouble(),
                SentimentCount = r.ReadInt64(),
            }));
        }
        var items = version == 1 ? 0 : r.ReadInt32();
        var counted = new List<AlertEvent>(items);
        for (var i = 0; i < items; i++)
        {
            var time = new DateTimeOffset(r.ReadInt64(), TimeSpan.Zero);
            var flags = (ItemFlags)r.ReadByte();
            counted.Add(new AlertEvent
            {
                Kind = flags.HasFlag(ItemFlags.Review) ? "review" : "rating",
                Time = time,
                Negative = flags.HasFlag(ItemFlags.Negative),
                Site = r.ReadString(),
                Channel = flags.HasFlag(ItemFlags.Channel) ? r.ReadString() : null,
                Touchpoint = flags.HasFlag(ItemFlags.Touchpoint) ? r.ReadString() : null,
                FromOtherNode = true,
            });
        }
        return new SharedTotalsMessage(node, sequence, deliveredBefore, minutes, counted);
    }
}
