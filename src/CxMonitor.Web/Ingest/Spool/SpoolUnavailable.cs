using System.Globalization;

namespace CxMonitor.Web.Ingest.Spool;

/// <summary>The spool could not make a request durable (a disk error, or the spool stopped after
/// a failure): nothing of the request was acknowledged, and a client may send it again later.</summary>
public sealed class SpoolUnavailableException(string message, Exception? inner) : Exception(message, inner);

public static class SpoolUnavailableAnswer
{
    /// <summary>Seconds a client is asked to wait; an operator has to act first.</summary>
    private const int RetryAfterSeconds = 30;

    /// <summary>Every path into the spool (ratings, reviews, feed pushes, imports) answers 503 with
    /// a problem document instead of an empty 500, whichever endpoint it came through.</summary>
    public static IApplicationBuilder UseSpoolUnavailableAnswer(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (SpoolUnavailableException ex) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(ex.Message + " Nothing of this request was stored; send it again later.",
                    statusCode: StatusCodes.Status503ServiceUnavailable, title: "Ingest spool unavailable").ExecuteAsync(context);
            }
        });
}
