using System.Reflection;
using CxMonitor.Web.Ingest;
using CxMonitor.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Tests.Live;

/// <summary>The host starts the server once every hosted service's StartAsync has returned, and
/// .NET 10 runs a BackgroundService's ExecuteAsync on the thread pool: the live push must listen
/// to accepted items in StartAsync, or a rating accepted in the first moment never reaches the
/// ticker. (Its flush never runs here: an hour's interval, so it needs no hub.)</summary>
public sealed class LivePushListensFromItsStart
{
    [Fact]
    public async Task It_listens_once_StartAsync_returns_and_no_longer_once_StopAsync_has()
    {
        var events = new IngestEvents(NullLogger<IngestEvents>.Instance);
        var options = Options.Create(new LiveOptions { ActivityFlushInterval = TimeSpan.FromHours(1) });
        using var push = new RatingActivityPush(events, null!, new LiveSequence(), options, TimeProvider.System, NullLogger<RatingActivityPush>.Instance);

        await push.StartAsync(CancellationToken.None);
        Assert.Equal((1, 1), Listeners(events));

        await push.StopAsync(CancellationToken.None);
        Assert.Equal((0, 0), Listeners(events));
    }

    private static (int Ratings, int Reviews) Listeners(IngestEvents events)
    {
        static int Count(IngestEvents events, string name) =>
            (typeof(IngestEvents).GetField(name, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(events) as Delegate)?.GetInvocationList().Length ?? 0;
        return (Count(events, nameof(IngestEvents.RatingsAccepted)), Count(events, nameof(IngestEvents.ReviewsAccepted)));
    }
}
