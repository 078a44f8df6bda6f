using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Testing;
using CxMonitor.Web.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CxMonitor.Web.Tests.Jobs;

/// <summary>The real app with test jobs added, and no InfluxDB (its URL points at a closed port).</summary>
internal sealed class JobsApp : IAsyncDisposable
{
    private readonly string _stateDirectory;
    private readonly bool _ownsStateDirectory;
    private readonly WebApplicationFactory<Program> _factory;
    private HttpClient? _client;

    public JobsApp(Action<IServiceCollection> addJobs, params (string Key, string Value)[] settings)
        : this(addJobs, new JobProbes(), settings)
    {
    }

    /// <summary>With <paramref name="probes"/> shared between apps: nodes of one cluster.</summary>
    public JobsApp(Action<IServiceCollection> addJobs, JobProbes probes, params (string Key, string Value)[] settings)
        : this(addJobs, probes, null, settings)
    {
    }

    /// <summary>On <paramref name="stateDirectory"/> when given (a restart: the folder is kept),
    /// else on a new folder deleted with the app.</summary>
    public JobsApp(Action<IServiceCollection> addJobs, JobProbes probes, string? stateDirectory, params (string Key, string Value)[] settings)
    {
        Probes = probes;
        _ownsStateDirectory = stateDirectory is null;
        _stateDirectory = stateDirectory ?? Directory.CreateTempSubdirectory("cxmonitor-jobs-").FullName;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Influx:Url", $"http://127.0.0.1:{FreePort.Next()}/");
            b.UseSetting("Influx:CreateDatabases", "false");
            b.UseSetting("State:Directory", _stateDirectory);
            foreach (var (key, value) in settings)
                b.UseSetting(key, value);
            b.ConfigureLogging(l => l.AddProvider(Errors));
            b.ConfigureServices(s =>
            {
                s.AddSingleton(Probes);
                addJobs(s);
            });
        });
    }

    public JobProbes Probes { get; }

    public ErrorLog Errors { get; } = new();

    /// <summary>Starts the app on first use.</summary>
    public HttpClient Client => _client ??= CreateAdminClient();

    /// <summary>The app's own jobs, present beside the probes in every listing.</summary>
    public static readonly string[] AppJobs = ["AlertTick", "RollingSatisfaction", "Rollup"];

    /// <summary>Running a job out of turn is for admins: the client is a signed-in admin.</summary>
    private HttpClient CreateAdminClient() =>
        People.PeopleSignIn.AsAsync(_factory, CxMonitor.Web.Access.People.UserRoles.Admin).GetAwaiter().GetResult();

    /// <summary>Another client of the same app, signed in as a new person of <paramref name="role"/>
    /// (null: not signed in); it follows no redirects, so a test sees them.</summary>
    public async Task<HttpClient> ClientAsAsync(string? role)
    {
        _ = Client;
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        return role is null ? client : await People.PeopleSignIn.AsAsync(_factory.Services, client, role);
    }

    public IJobTrigger Trigger => Services.GetRequiredService<IJobTrigger>();

    public IServiceProvider Services
    {
        get
        {
            _ = Client;
            return _factory.Services;
        }
    }

    public async Task<JobStatus[]> JobsAsync() =>
        (await Client.GetFromJsonAsync<JobStatus[]>("/api/v1/jobs", JsonSerializerOptions.Web))!;

    public async Task<JobStatus> JobAsync(string name) => (await JobsAsync()).Single(j => j.Name == name);

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await _factory.DisposeAsync();
        if (_ownsStateDirectory)
            Directory.Delete(_stateDirectory, recursive: true);
    }

    /// <summary>Polls instead of sleeping a fixed time: returns as soon as the condition holds. The
    /// default leaves room for an app start and a first run on a loaded CI machine (5 s did not).</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, double withinSeconds = 15, Func<string>? state = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed.TotalSeconds > withinSeconds)
                Assert.Fail($"Gave up after {withinSeconds} s waiting for {what}. {state?.Invoke()}");
            await Task.Delay(20);
        }
    }

    public static Task Eventually(Func<bool> condition, string what, double withinSeconds = 15, Func<string>? state = null) =>
        Eventually(() => Task.FromResult(condition()), what, withinSeconds, state);
}
