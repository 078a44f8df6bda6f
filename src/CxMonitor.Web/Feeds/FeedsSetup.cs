using System.Net;
using CxMonitor.Web.Jobs;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Feeds;

public static class FeedsSetup
{
    /// <summary>Feeds from configuration, each with its own poll job. Needs AddIngest and AddJobs.</summary>
    public static IHostApplicationBuilder AddFeeds(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedsOptions>().BindConfiguration(FeedsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<FeedsOptions>, FeedsOptionsValidator>();
        builder.Services.AddSingleton<FeedStateStore>();
        builder.Services.AddSingleton<FeedIntake>();
        builder.Services.AddSingleton<FeedPoller>();
        builder.Services.AddHttpClient(FeedPoller.HttpClientName, (sp, c) =>
        {
            c.Timeout = sp.GetRequiredService<IOptions<FeedsOptions>>().Value.RequestTimeout;
            c.DefaultRequestHeaders.UserAgent.ParseAdd("CxMonitor-feeds/1.0");
        }).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All });
        // The schedules are fixed at start, as every job's are: a feed added later polls after a restart.
        var feeds = builder.Configuration.GetSection(FeedsOptions.Section).Get<FeedsOptions>() ?? new FeedsOptions();
        foreach (var (name, feed) in feeds.Sources)
        {
            if (feed.Enabled && !string.Equals(feed.Kind, "webhook", StringComparison.OrdinalIgnoreCase)
                && JobSchedule.IntervalCron(feed.Every) is not null) // any other Every is refused at start by the validator
                builder.Services.AddScheduledJob<FeedPollJob>(FeedPollJob.Prefix + name, feed.Every);
        }
        return builder;
    }
}
