using CxMonitor.Web.Access;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Alerts;
using CxMonitor.Web.Capture;
using CxMonitor.Web.Cli;
using CxMonitor.Web.Data;
using CxMonitor.Web.Feeds;
using CxMonitor.Web.Health;
using CxMonitor.Web.Ingest;
using CxMonitor.Web.Ingest.Spool;
using CxMonitor.Web.Jobs;
using CxMonitor.Web.Live;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Notify;
using CxMonitor.Web.Pages;
using CxMonitor.Web.Sites;
using CxMonitor.Web.Trends;

// The same executable is the admin CLI: `cxmonitor keys create …` runs a command and exits.
if (await Cli.TryRunAsync(args) is { } exitCode)
    return exitCode;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // Settings, the front end and the default rules are copied beside the binary: find them
    // there whatever the working directory (services, scripts and tests start it from anywhere).
    ContentRootPath = AppContext.BaseDirectory,
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});

builder.HoldStateFolder();
builder.AddAppState();
builder.AddInfluxStorage();
builder.AddSites();
builder.AddAccess();
builder.AddJobs();
builder.AddIngest();
builder.AddFeeds();
builder.AddLive();
builder.AddSatisfactionMetrics();
builder.AddTrends();
builder.AddNotify();
builder.AddAlerts();
builder.AddWalls();
builder.AddCapture();

var app = builder.Build();

// Invalid settings end the start with their message and exit code 1, before anything is mapped
// or served: unhandled, the same exception aborts the runtime (SIGABRT, exit 134) with a trace.
if (StartupSettings.Problems(app.Services) is { } problems)
{
    await Console.Error.WriteLineAsync($"The configuration is invalid: {problems}");
    // Also through the host's logging: a host started by a test factory reports it there.
    app.Logger.LogCritical("The configuration is invalid: {Problems}", problems);
    return 1;
}

app.UseSecurityHeaders();
app.UseErrorAnswers();
app.UsePageFolderGuard();
app.UseStaticFiles();
app.UseAccess();
app.UseSpoolUnavailableAnswer();

app.MapHealthApi();
app.MapSessionApi();
app.MapUsersApi();
app.MapKeysApi();
app.MapSitesApi();
app.MapIngestApi();
app.MapFeedsApi();
app.MapStatusApi();
app.MapJobsApi();
app.MapJobsDashboard();
app.MapMetricsApi();
app.MapTrendsApi();
app.MapAlertsApi();
app.MapNotifyApi();
app.MapNotifyConfigApi();
app.MapWallBoardsApi();
app.MapDisplaysApi();
app.MapCaptureApi();
app.MapPages();
app.MapLiveHub();

try
{
    await app.RunAsync();
}
catch (StateFolderHeldException ex)
{
    // A second app on one folder would deliver the first one's spool and delete its segments.
    await Console.Error.WriteLineAsync(ex.Message);
    return 3;
}
return 0;

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
