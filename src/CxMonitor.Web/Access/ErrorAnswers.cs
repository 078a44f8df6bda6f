using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CxMonitor.Web.Access;

/// <summary>Every error is <c>application/problem+json</c> with the security headers: what the
/// framework answers by itself (a body that is not JSON, a query value of the wrong type, no
/// such route, a wrong method or media type) and any unhandled exception, which would otherwise
/// be an empty 500.</summary>
public static partial class ErrorAnswers
{
    public static IHostApplicationBuilder AddErrorAnswers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        // Binding failures become exceptions that name the parameter, instead of a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }

    /// <summary>Right after the security headers, so an error answer carries them too.</summary>
    public static IApplicationBuilder UseErrorAnswers(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteAsync, SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException });
        app.UseStatusCodePages();
        return app;
    }

    private static Task WriteAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        ProblemHttpResult problem;
        if (error is BadHttpRequestException bad)
        {
            var field = Parameter().Match(bad.Message) is { Success: true } m ? m.Groups["name"].Value : null;
            problem = TypedResults.Problem(bad.Message, statusCode: bad.StatusCode, title: "Invalid request",
                extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });
        }
        else if (error is System.Data.Common.DbException { IsTransient: true })
        {
            // App state is away for a while (PostgreSQL restarting, SQLite busy): a client should
            // come back, not give up; a terminal retries the same ratings.
            context.Response.Headers.RetryAfter = "5";
            problem = TypedResults.Problem("App state is not reachable right now; try again in a few seconds.", statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Temporarily unavailable");
        }
        else
        {
            problem = TypedResults.Problem("The server could not answer this request; the error is logged.", statusCode: StatusCodes.Status500InternalServerError);
        }
        return problem.ExecuteAsync(context);
    }

    // 'Failed to bind parameter "int? limit" from "abc".', 'Failed to read parameter "SilenceRequest body" from the request body as JSON.'
    [GeneratedRegex("parameter \"(?:[^\"]* )?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex Parameter();
}
