using CxMonitor.Web.Access;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Alerts;
using CxMonitor.Web.Cli;
using CxMonitor.Web.Data;
using CxMonitor.Web.Feeds;
using CxMonitor.Web.Health;
using CxMonitor.Web.Ingest;
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

var app = builder.Build();

app.UseSecurityHeaders();
app.UseErrorAnswers();
app.UsePageFolderGuard();
app.UseStaticFiles();
app.UseAccess();

app.MapHealthApi();
app.MapSessionApi();
app.MapUsersApi();
app.MapKeysApi();
app.MapSitesApi();
app.MapIngestApi();
app.MapFeedsApi();
app.MapStatusApi();
app.MapJobsApi();
app.MapMetricsApi();
app.MapTrendsApi();
app.MapAlertsApi();
app.MapNotifyApi();
app.MapNotifyConfigApi();
app.MapWallBoardsApi();
app.MapDisplaysApi();
app.MapPages();
app.MapLiveHub();

await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
