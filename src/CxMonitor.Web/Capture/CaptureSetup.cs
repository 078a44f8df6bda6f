namespace CxMonitor.Web.Capture;

/// <summary>Ratings from the floor: kiosk terminals, the public survey and the web widget, all
/// handed to the collector through <see cref="CaptureIngest"/>.</summary>
public static class CaptureSetup
{
    public static IHostApplicationBuilder AddCapture(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CaptureOptions>().BindConfiguration(CaptureOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TerminalStore>();
        builder.Services.AddSingleton<RepeatFilter>();
        builder.Services.AddSingleton<CaptureIngest>();
        builder.Services.AddSingleton<SurveyStore>();
        builder.Services.AddSingleton<SurveyTokens>();
        builder.Services.AddSingleton<ContactStore>();
        builder.Services.Configure<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>(o =>
            o.AddPolicy<string, SurveyRateLimitPolicy>(SurveyRateLimitPolicy.Name));
        return builder;
    }

    public static IEndpointRouteBuilder MapCaptureApi(this IEndpointRouteBuilder app)
    {
        app.MapTerminalsApi();
        app.MapSurveysApi();
        app.MapCallbacksApi();
        app.MapSurveyQr();
        // The terminal's page holds no data; it asks /api/v1/terminal with its cookie and shows
        // "not paired" when that is refused.
        app.MapGet("/rate", (IWebHostEnvironment env, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.File(Path.Combine(env.WebRootPath, "_pages", "rate.html"), "text/html; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        // The survey's short link, printed on posters and in QR codes: public, like the survey.
        app.MapGet("/s/{code}", (IWebHostEnvironment env, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.File(Path.Combine(env.WebRootPath, "_pages", "survey.html"), "text/html; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription()
          .WithMetadata(new Access.FrameAncestors(context =>
              context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<CaptureOptions>>().CurrentValue.WidgetOrigins.Select(o => o.TrimEnd('/')).ToArray()));
        return app;
    }
}
