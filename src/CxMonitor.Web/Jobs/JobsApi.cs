using CxMonitor.Web.Access;
using CxMonitor.Web.Access.Reach;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CxMonitor.Web.Jobs;

public static class JobsApi
{
    /// <summary>Anyone signed in may see the jobs; only an admin may run one out of turn.</summary>
    public static RouteGroupBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/v1/jobs").WithTags("Jobs");
        jobs.MapGet("/", List).RequireAuthorization(AccessPolicies.Read)
            .WithName("ListJobs").WithSummary("Every scheduled job: schedule, last run and outcome, last error, next run.")
            .ReadsEverySite("job schedules and outcomes, no figures");
        jobs.MapPost("/{name}/run", RunNow).RequireAuthorization(AccessPolicies.Admin)
            .WithName("RunJob").WithSummary("Runs the job now (never alongside a running tick of itself); answers when it has finished.");
        return jobs;
    }

    private static async Task<Ok<IReadOnlyList<JobStatus>>> List(JobStatusRegistry registry, CancellationToken ct) =>
        TypedResults.Ok(await registry.GetAllAsync(ct));

    private static async Task<Results<Ok<JobStatus>, ProblemHttpResult>> RunNow(
        string name, IJobTrigger trigger, JobStatusRegistry registry, CancellationToken ct)
    {
        if (await registry.GetAsync(name, ct) is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown job",
                detail: $"No scheduled job is named '{name}'. GET /api/v1/jobs lists them.");
        try
        {
            await trigger.RunNowAsync(name, ct);
        }
        catch (InvalidOperationException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Scheduler not running", detail: ex.Message);
        }
        return TypedResults.Ok((await registry.GetAsync(name, ct))!);
    }
}
