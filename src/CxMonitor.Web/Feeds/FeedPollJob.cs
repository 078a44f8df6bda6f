using CxMonitor.Web.Jobs;

namespace CxMonitor.Web.Feeds;

/// <summary>One recurring job per feed (<c>FeedPoll.&lt;feed&gt;</c>), each on its feed's own
/// schedule, so a slow or broken feed never holds up another.</summary>
public sealed class FeedPollJob(FeedPoller poller, ILogger<FeedPollJob> logger) : IScheduledJob
{
    public const string Prefix = "FeedPoll.";

    public async Task RunAsync(JobRunContext context, CancellationToken ct)
    {
        var result = await poller.PollAsync(context.JobName[Prefix.Length..], ct);
        logger.LogInformation("Feed {Feed}: {Outcome} ({Pages} pages)", result.Feed, result.Outcome, result.Pages);
        if (result.Outcome.StartsWith("failed", StringComparison.Ordinal))
            throw new InvalidOperationException(result.Outcome); // shows as a failed run in /api/v1/jobs
    }
}
