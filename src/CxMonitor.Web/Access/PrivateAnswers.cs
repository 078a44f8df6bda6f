namespace CxMonitor.Web.Access;

/// <summary>API and hub answers carry people's comments, customer ids and sessions' tokens: no
/// browser or proxy cache may keep them (a shared computer's back button, a caching proxy). An
/// endpoint that sets its own Cache-Control keeps it.</summary>
internal sealed class PrivateAnswers(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (AccessSchemes.IsMachinePath(context.Request.Path))
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpContext)state).Response.Headers;
                if (string.IsNullOrEmpty(headers.CacheControl))
                    headers.CacheControl = "no-store";
                return Task.CompletedTask;
            }, context);
        }
        return next(context);
    }
}
