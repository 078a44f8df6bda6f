using CxMonitor.Web.Access;
using Microsoft.Extensions.Options;
using QRCoder;

namespace CxMonitor.Web.Capture;

/// <summary>QR codes of survey links (PNG for chat and slides, SVG for print) and the printable
/// A4 poster around them. Admins only (policy Admin): they hang the posters.</summary>
public static class SurveyQr
{
    public static IEndpointRouteBuilder MapSurveyQr(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/surveys/{code}").RequireAuthorization(AccessPolicies.Admin).WithTags("Capture");
        admin.MapGet("/qr.png", async (string code, HttpContext context, SurveyStore store, IOptions<CaptureOptions> options) =>
            await store.FindActiveAsync(code, context.RequestAborted) is null
                ? NotFound()
                : Results.File(PngByteQRCodeHelper.GetQRCode(LinkOf(code, context, options.Value), QRCodeGenerator.ECCLevel.M, 12), "image/png", $"survey-{code}.png"))
            .WithSummary("The survey link as a QR code, PNG (12 px per module).");
        admin.MapGet("/qr.svg", async (string code, HttpContext context, SurveyStore store, IOptions<CaptureOptions> options) =>
        {
            if (await store.FindActiveAsync(code, context.RequestAborted) is null)
                return NotFound();
            using var data = QRCodeGenerator.GenerateQrCode(LinkOf(code, context, options.Value), QRCodeGenerator.ECCLevel.M);
            return Results.Text(new SvgQRCode(data).GetGraphic(10), "image/svg+xml; charset=utf-8");
        }).WithSummary("The survey link as a QR code, SVG (scales to any print size).");
        app.MapGet("/surveys/{code}/poster", (IWebHostEnvironment env, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.File(Path.Combine(env.WebRootPath, "_pages", "poster.html"), "text/html; charset=utf-8");
        }).RequireAuthorization(AccessPolicies.Admin).ExcludeFromDescription();
        return app;
    }

    /// <summary>The link printed on posters: <c>Capture:PublicUrl</c> when set (the address customers
    /// reach, not the one the admin uses), else the address of this request.</summary>
    public static string LinkOf(string code, HttpContext context, CaptureOptions options)
    {
        var root = options.PublicUrl is { Length: > 0 } url ? url.TrimEnd('/') : $"{context.Request.Scheme}://{context.Request.Host}";
        return $"{root}/s/{code}";
    }

    private static IResult NotFound() => TypedResults.Problem("This survey link is unknown or was withdrawn.", statusCode: 404, title: "No such survey");
}
