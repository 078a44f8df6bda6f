namespace CxMonitor.Web.Access;

/// <summary>Problem details written by middleware (authentication, rate limiting, body limits),
/// where no endpoint returns a typed result.</summary>
internal static class AccessProblems
{
    public static Task WriteAsync(HttpContext context, int status, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, extensions: extensions).ExecuteAsync(context);
}
