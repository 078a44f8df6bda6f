using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Data;

public static class AppState
{
    /// <summary>The app-state store (SQLite, or PostgreSQL for several nodes). Its migrations run before any other hosted service
    /// starts, so features may read their tables from their own start-up code.</summary>
    public static IHostApplicationBuilder AddAppState(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AppStateOptions>()
            .BindConfiguration(AppStateOptions.Section)
            .PostConfigure<IHostEnvironment>((o, env) => o.Directory = string.IsNullOrWhiteSpace(o.Directory)
                ? Path.Combine(env.ContentRootPath, "data")
                : Path.GetFullPath(o.Directory, env.ContentRootPath))
            .ValidateDataAnnotations()
            .Validate(o => !File.Exists(o.Directory), "State:Directory names a file; it must be a folder (created when missing).")
            .Validate(o => o.Provider != AppStateProvider.PostgreSql || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "State:ConnectionString is required when State:Provider is PostgreSql.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AppStateMigrations>();
        builder.Services.AddSingleton<AppStateDb>();
        builder.Services.AddHostedService<AppStateStartup>();
        return builder;
    }
}

/// <summary>Runs the migrations in <see cref="IHostedLifecycleService.StartingAsync"/>, which the
/// host calls before any hosted service's StartAsync (Kestrel's included).</summary>
internal sealed class AppStateStartup(AppStateDb db, IOptions<AppStateOptions> options, ILogger<AppStateStartup> logger)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var applied = await db.MigrateAsync(cancellationToken);
        if (applied > 0)
            logger.LogInformation("Applied {Count} app-state migration(s) to {Path}", applied, options.Value.Describe());
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
