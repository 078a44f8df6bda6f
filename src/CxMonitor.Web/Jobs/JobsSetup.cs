using System.Text.RegularExpressions;
using CxMonitor.Core.Retries;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
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
    /// The interval must be one a cron keeps exactly (<see cref="JobSchedule.IntervalCron"/>).
    /// <c>Jobs:{name}:Interval</c>, <c>:Cron</c> and <c>:Enabled</c> override this.</summary>
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services, string name, TimeSpan interval)
        where TJob : class, IScheduledJob
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        if (JobSchedule.IntervalError(interval, $"Job '{name}': interval") is { } error)
            throw new ArgumentException(error, nameof(interval));
        return AddJob<TJob>(services, new ScheduledJobRegistration(name, typeof(TJob), interval, null));
    }

    /// <summary>Runs <typeparamref name="TJob"/> on a cron expression (5 fields, or 6 with seconds first; UTC).
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
        if (JobStorageOptions.ReservedNames.Contains(registration.Name, StringComparer.OrdinalIgnoreCase))
            throw new ArgumentException($"Job name '{registration.Name}' is taken by the setting Jobs:{registration.Name}.", nameof(registration));
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
        services.AddOptions<JobStorageOptions>().BindConfiguration(JobScheduleOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobStorageOptions>, JobStorageOptionsValidator>();
        services.AddSingleton<IValidateOptions<JobScheduleOptions>, JobScheduleValidator>();
        services.AddSingleton<JobSchedules>();
        services.AddSingleton<JobRuns>();
        AddHangfire(services);
        services.AddSingleton<JobSchedulerService>();
        services.AddSingleton<IJobTrigger>(sp => sp.GetRequiredService<JobSchedulerService>());
        services.AddHostedService(sp => sp.GetRequiredService<JobSchedulerService>());
        services.AddSingleton(sp => new JobStatusRegistry(sp.GetRequiredService<JobSchedules>(), sp.GetRequiredService<JobSchedulerService>()));
    }

    /// <summary>This app's own storage, filters and activator, registered before Hangfire's
    /// defaults (which would take the process-wide <c>JobStorage.Current</c> and global filters).
    /// AddHangfire is still called: the dashboard needs its services.</summary>
    private static void AddHangfire(IServiceCollection services)
    {
        services.AddSingleton(JobStorageFactory.Create);
        services.AddSingleton<IJobFilterProvider>(sp => Filters(sp.GetRequiredService<IOptions<JobSchedulerOptions>>().Value));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(HangfireLog.Instance));
        services.AddTransient(sp => new ScheduledJobRunner(sp.GetRequiredService<JobSchedules>(), sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<JobStatusRegistry>(), sp.GetRequiredService<JobRuns>(),
            sp.GetRequiredService<IOptions<JobSchedulerOptions>>().Value.RunNowWait, sp.GetRequiredService<ILogger<ScheduledJobRunner>>()));
    }

    /// <summary>Hangfire's default filters, except that a failed run is retried on the one backoff
    /// policy (decision 0014) rather than Hangfire's own curve of delays.</summary>
    private static JobFilterProviderCollection Filters(JobSchedulerOptions options)
    {
        var backoff = new Backoff { First = options.RetryFirstDelay, Max = options.RetryMaxDelay };
        var global = new JobFilterCollection
        {
            new CaptureCultureAttribute(),
            new AutomaticRetryAttribute
            {
                Attempts = options.RetryAttempts,
                DelayInSecondsByAttemptFunc = attempt =>
                    (int)Math.Ceiling(backoff.DelayAfter((int)Math.Min(attempt, int.MaxValue), null, Random.Shared).TotalSeconds),
                OnAttemptsExceeded = AttemptsExceededAction.Fail,
            },
            new StatisticsHistoryAttribute(),
            new ContinuationsSupportAttribute(),
        };
        return new JobFilterProviderCollection(global, new JobFilterAttributeFilterProvider());
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex JobName();
}
