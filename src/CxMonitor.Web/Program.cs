using CxMonitor.Web.Data;
using CxMonitor.Web.Health;
using CxMonitor.Web.Ingest;
using CxMonitor.Web.Live;
using CxMonitor.Web.Metrics;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // The front end lives at the repository's top level and is copied beside the binary.
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});

builder.AddInfluxStorage();
builder.AddIngest();
builder.AddLive();
builder.AddSatisfactionMetrics();

var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();

app.MapHealthApi();
app.MapIngestApi();
app.MapStatusApi();
app.MapMetricsApi();
app.MapLiveHub();

app.Run();

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
