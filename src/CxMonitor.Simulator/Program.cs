using CxMonitor.Simulator.Catalog;
using CxMonitor.Simulator.Cli;
using CxMonitor.Simulator.Generation;
using CxMonitor.Simulator.Runs;
using CxMonitor.Simulator.Sending;

SimulatorOptions options;
try
{
    options = OptionsParser.Parse(args, Environment.GetEnvironmentVariable(SimulatorOptions.ApiKeyVariable), Environment.GetEnvironmentVariable(SimulatorOptions.FeedSecretVariable));
    if (options.PushFeed is not null && options.FeedSecret is null && !options.DryRun)
        throw new OptionsException($"--push-feed needs the feed's secret in the {SimulatorOptions.FeedSecretVariable} environment variable");
}
catch (OptionsException e)
{
    Console.Error.WriteLine($"cxmonitor-simulator: {e.Message}");
    Console.Error.WriteLine("Try 'cxmonitor-simulator --help'.");
    return 2;
}
if (options.Help)
{
    Console.Out.WriteLine(HelpText.Usage);
    return 0;
}

Action<string> log = ConsoleLog.Write;
using var stop = new StopSignal();
using var http = Payloads.CreateClient(options.Url, options.Parallel);
IBatchSender sender = options.DryRun ? new DryRunSender() : new HttpBatchSender(http, options.ApiKey!, log);
IBatchSender? pushSender = options.PushFeed is null ? null : options.DryRun ? new DryRunSender() : new FeedPushSender(http, options.FeedSecret!, log);
try
{
    var seed = options.Seed ?? Random.Shared.Next();
    var sites = DemoSites.All.Take(options.Sites).ToArray();
    // Touch every time zone now: a missing tzdata should fail here, not mid-run.
    log($"seed {seed}; sites: {string.Join(", ", sites.Select(s => $"{s.Id} ({s.TimeZone.Id})"))}" +
        (options.DryRun ? "; dry run, nothing is sent" : ""));

    var liveFrom = DateTimeOffset.UtcNow;
    if (options.BackfillDays is { } days)
    {
        var history = new BackfillGenerator(seed, sites, options.PerDay, options.Until ?? DateTimeOffset.UtcNow, days);
        var code = await new BackfillRun(options, sender, log).RunAsync(history, stop.Token);
        if (code != 0 || !options.ThenLive)
            return code;
        liveFrom = history.Until;
    }
    return await new LiveRun(options, sender, log, TimeProvider.System, pushSender).RunAsync(liveFrom, seed, sites, stop.Token);
}
catch (Exception e) when (e is not OperationCanceledException)
{
    log($"failed: {e.Message}");
    return 1;
}
