using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Jobs;

public static partial class JobsSetup
{
    /// <summary>The scheduler, its status registry and <see cref="IJobTrigger"/>. Features add their
    /// jobs with <c>AddScheduledJob</c>, which also makes sure the scheduler is registered.</summary>
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        AddScheduler(builder.Services);
        return builder;
    }

    /// <summary>Runs <typeparamref name="TJob"/> every <paramref name="interval"/>, first at start.
    /// <c>Jobs:{name}:Interval</c>, <c>:Cron</c> and <c>:Enabled</c> override this.</summary>
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services, string name, TimeSpan interval)
        where TJob : class, IScheduledJob
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return AddJob<TJob>(services, new ScheduledJobRegistration(name, typeof(TJob), interval, null));
    }

    /// <summary>Runs <typeparamref name="TJob"/> on a Quartz cron expression (seconds first, UTC).
    /// <c>Jobs:{name}:Interval</c>, <c>:Cron</c> and <c>:Enabled</c> override this.</summary>
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services, string name, string cronExpression)
        where TJob : class, IScheduledJob
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cronExpression);
        if (JobSchedule.CronError(cronExpression) is { } error)
            throw new ArgumentException($"Job '{name}': '{cronExpression}' is not a valid cron expression ({error}).", nameof(cronExpression));
        return AddJob<TJob>(services, new ScheduledJobRegistration(name, typeof(TJob), null, cronExpression));
    }

    private static IServiceCollection AddJob<TJob>(IServiceCollection services, ScheduledJobRegistration registration)
        where TJob : class, IScheduledJob
    {
        // The name is a configuration key segment and a URL segment.
        if (!JobName().IsMatch(registration.Name))
            throw new ArgumentException($"Job name '{registration.Name}' may contain letters, digits, '.', '_' and '-' only.", nameof(registration));
        if (services.Any(d => !d.IsKeyedService && d.ImplementationInstance is ScheduledJobRegistration r && string.Equals(r.Name, registration.Name, StringComparison.OrdinalIgnoreCase)))
            throw new InvalidOperationException($"A scheduled job named '{registration.Name}' is already registered.");

        AddScheduler(services);
        services.AddSingleton(registration);
        services.TryAddScoped<TJob>();
        services.AddOptions<JobScheduleOptions>(registration.Name)
            .BindConfiguration($"{JobScheduleOptions.Section}:{registration.Name}")
            .ValidateOnStart();
        return services;
    }

    private static void AddScheduler(IServiceCollection services)
    {
        if (services.Any(d => !d.IsKeyedService && d.ServiceType == typeof(JobSchedulerService)))
            return;
        services.AddOptions<JobSchedulerOptions>()
            .BindConfiguration(JobSchedulerOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobScheduleOptions>, JobScheduleValidator>();
        services.AddSingleton<JobSchedules>();
        services.AddSingleton<JobRuns>();
        services.AddSingleton<JobSchedulerService>();
        services.AddSingleton<IJobTrigger>(sp => sp.GetRequiredService<JobSchedulerService>());
        services.AddHostedService(sp => sp.GetRequiredService<JobSchedulerService>());
        services.AddSingleton(sp => new JobStatusRegistry(sp.GetRequiredService<JobSchedules>(), sp.GetRequiredService<JobSchedulerService>()));
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex JobName();
}
