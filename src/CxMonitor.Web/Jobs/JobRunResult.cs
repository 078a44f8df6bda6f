using System.Text.Json.Serialization;

namespace CxMonitor.Web.Jobs;

[JsonConverter(typeof(JsonStringEnumConverter<JobOutcome>))]
public enum JobOutcome
{
    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    [JsonStringEnumMemberName("failed")]
    Failed,
}

/// <summary>How one run of a job ended. <see cref="Error"/> is the exception's type and message when it failed.</summary>
public sealed record JobRunResult(string JobName, JobOutcome Outcome, DateTimeOffset StartedAt, TimeSpan Duration, string? Error);
