using CxMonitor.Simulator.Catalog;

namespace CxMonitor.Simulator.Generation;

/// <summary>Draws the ratings and reviews of one site for one slice of simulated time.</summary>
public sealed class SliceSampler(Random random, TrafficModel traffic, RatingFactory ratings, ReviewFactory reviews)
{
    public void Sample(
        DemoSite site,
        DateTimeOffset from,
        TimeSpan length,
        double ratingsPerSecond,
        SiteCondition condition,
        bool terminalsSilent,
        GeneratedSlice into)
    {
        // Within a slice (a second live, a minute in a backfill) the rhythm is flat enough to use its middle.
        var local = site.LocalTime(from + length / 2);
        var seconds = length.TotalSeconds;
        var milliseconds = (int)length.TotalMilliseconds;
        foreach (var stream in RatingStreams.All)
        {
            if (terminalsSilent && stream.IsTerminal)
                continue;
            var count = random.NextPoisson(ratingsPerSecond * seconds * traffic.Share(site, stream, local));
            for (var i = 0; i < count; i++)
            {
                var time = from.AddMilliseconds(random.Next(milliseconds));
                into.Ratings.Add(ratings.Create(site, stream, time, condition));
            }
        }

        var reviewCount = random.NextPoisson(seconds * traffic.ReviewRate(site, local));
        for (var i = 0; i < reviewCount; i++)
            into.Reviews.Add(reviews.Create(site, from.AddMilliseconds(random.Next(milliseconds))));
    }

    public static DateTimeOffset TruncateToSecond(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    public static DateTimeOffset TruncateToMinute(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
