using CxMonitor.Web.Access;
using CxMonitor.Web.Access.People;
using CxMonitor.Influx;
using CxMonitor.Web.Data;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Sites;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Cli;

/// <summary>The web host's executable doubles as the admin CLI (<c>cxmonitor keys …</c>). It
/// builds the same services from the same configuration as the web host, with the same
/// migrations, but never starts Kestrel or the hosted services.</summary>
public static class Cli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    /// <summary>Runs a CLI command and returns its exit code, or null when the arguments are the
    /// web host's (none, or settings such as <c>--urls=…</c>) and the server should start.</summary>
    public static Task<int?> TryRunAsync(string[] args) => TryRunAsync(args, Console.Out, Console.Error);

    public static async Task<int?> TryRunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        if (args.Length == 0 || (args[0].StartsWith('-') && args[0] is not ("-h" or "--help")))
            return null;
        CliArguments parsed;
        (DateTimeOffset From, DateTimeOffset To)? rebuild = null;
        try
        {
            parsed = CliArguments.Parse(args);
            if (parsed.Words is [] or ["help"])
            {
                await stdout.WriteAsync(CliUsage.Text);
                return Ok;
            }
            if (parsed.Words[0] == "alerts")
            {
                AlertsCommand.CheckUsage(parsed);
                return await AlertsCommand.RunAsync(parsed, stdout, stderr);
            }
            if (parsed.Words[0] == "reviews")
            {
                ReviewsCommand.CheckUsage(parsed);
                return await ReviewsCommand.RunAsync(parsed, stdout, stderr, cancellationToken);
            }
            if (parsed.Words[0] is "terminals" or "surveys")
                CaptureCommand.CheckUsage(parsed);
            else if (parsed.Words[0] is not ("keys" or "users" or "rollups"))
                throw new CliUsageException($"Unknown command '{parsed.Words[0]}'.");
            if (parsed.Help)
            {
                await stdout.WriteAsync(CliUsage.Text);
                return Ok;
            }
            if (parsed.Words[0] == "keys")
                KeysCommand.CheckUsage(parsed);
            else if (parsed.Words[0] == "rollups")
                rebuild = RollupsCommand.CheckUsage(parsed);
            else if (parsed.Words[0] == "users")
                UsersCommand.CheckUsage(parsed);
        }
        catch (CliUsageException ex)
        {
            await stderr.WriteLineAsync(ex.Message);
            await stderr.WriteLineAsync();
            await stderr.WriteAsync(CliUsage.Text);
            return UsageError;
        }

        try
        {
            if (rebuild is { } range)
            {
                await using var rollups = BuildServices(parsed.ConfigurationArgs, AddRollups);
                rollups.Services.GetService<IStartupValidator>()?.Validate();
                return await RollupsCommand.RunAsync(rollups.Services, range.From, range.To, stdout, stderr, cancellationToken);
            }
            await using var app = BuildServices(parsed.ConfigurationArgs);
            app.Services.GetService<IStartupValidator>()?.Validate();
            await app.Services.GetRequiredService<SiteSeeding>().RunAsync(cancellationToken);
            using var revocations = new RevocationNotice(app.Services);
            var code = parsed.Words[0] switch
            {
                "terminals" or "surveys" => await new CaptureCommand(app.Services.GetRequiredService<Capture.TerminalStore>(),
                    app.Services.GetRequiredService<Capture.SurveyStore>(), app.Services.GetRequiredService<SiteCatalog>(), stdout).RunAsync(parsed, cancellationToken),
                "users" => await new UsersCommand(app.Services.GetRequiredService<UserStore>(), stdout, stderr).RunAsync(parsed, cancellationToken),
                _ => await new KeysCommand(app.Services.GetRequiredService<ApiKeyStore>(), stdout, stderr).RunAsync(parsed, cancellationToken),
            };
            await revocations.SendAsync(stdout, stderr);
            return code;
        }
        catch (OptionsValidationException ex)
        {
            await stderr.WriteLineAsync($"The configuration is invalid: {string.Join(" ", ex.Failures)}");
            return Failed;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or System.Data.Common.DbException or InfluxException)
        {
            await stderr.WriteLineAsync(ex.Message);
            return Failed;
        }
    }

    private static WebApplication BuildServices(IReadOnlyList<string> configurationArgs, Action<WebApplicationBuilder>? more = null)
    {
        // Same content root as the app (the binary's folder), so the CLI reads the same settings.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = configurationArgs.ToArray(), ContentRootPath = AppContext.BaseDirectory });
        // stdout carries only the command's output (a new key is piped into secret stores).
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddAppState();
        builder.AddSites();
        builder.AddAccess();
        builder.Services.AddSingleton<Capture.TerminalStore>();
        builder.Services.AddSingleton<Capture.SurveyStore>();
        more?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>Only what a rebuild needs: InfluxDB and the rollup writer, not the app's jobs.</summary>
    private static void AddRollups(WebApplicationBuilder builder)
    {
        builder.AddInfluxStorage();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RollupCache>();
        builder.Services.AddSingleton<Rollups>();
        builder.Services.AddSingleton<RollupRebuilds>();
    }
}
