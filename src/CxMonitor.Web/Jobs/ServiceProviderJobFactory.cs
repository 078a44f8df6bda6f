using Quartz;
using Quartz.Spi;

namespace CxMonitor.Web.Jobs;

/// <summary>The glue Quartz's DI add-on would provide: builds the adapter from the container. The
/// adapter holds no state of its own; the job it runs comes from a scope per run.</summary>
internal sealed class ServiceProviderJobFactory(IServiceProvider services) : IJobFactory
{
    public IJob NewJob(TriggerFiredBundle bundle, IScheduler scheduler) =>
        (IJob)ActivatorUtilities.CreateInstance(services, bundle.JobDetail.JobType);

    public void ReturnJob(IJob job)
    {
        // Nothing to release: each run disposes its own scope.
    }
}
