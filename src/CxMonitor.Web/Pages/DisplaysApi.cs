using System.Security.Claims;
using CxMonitor.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Pages;

public sealed record DisplayCreateRequest(string? Name, string? Board);

/// <summary>The token is in this answer only; <c>PairUrl</c> is opened once on the screen.</summary>
public sealed record CreatedDisplay(DisplayToken Display, string Token, string PairUrl);

/// <summary>Wall screens: admins create and revoke display tokens; a screen pairs once.</summary>
public static class DisplaysApi
{
    public static IEndpointRouteBuilder MapDisplaysApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/displays").RequireAuthorization(AccessPolicies.Admin).WithTags("Walls");
        admin.MapGet("", (DisplayTokens tokens, CancellationToken ct) => tokens.ListAsync(ct));
        admin.MapPost("", async Task<Results<Created<CreatedDisplay>, ProblemHttpResult>> (
            DisplayCreateRequest body, ClaimsPrincipal user, DisplayTokens tokens, IOptionsMonitor<WallOptions> walls, Sites.SiteCatalog sites, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Trim().Length > TextLimits.Name)
                return Bad("name", $"'name' is required (at most {TextLimits.Name} characters), e.g. 'Berlin checkout TV'.");
            var board = string.IsNullOrWhiteSpace(body.Board) ? "main" : body.Board.Trim();
            // The screen reads what its board shows: a board that does not exist would show nothing.
            if (board.Length > TextLimits.Name || WallBoardsApi.Find(board, walls.CurrentValue, sites) is null)
                return Bad("board", $"'board' must name a board: main or one under Walls:Boards ({string.Join(", ", walls.CurrentValue.Boards.Keys.Take(20))}).");
            var (display, token) = await tokens.CreateAsync(body.Name.Trim(), board, user.Identity?.Name ?? "admin", ct);
            return TypedResults.Created($"/api/v1/displays/{display.Id}", new CreatedDisplay(display, token, "/wall/pair?token=" + Uri.EscapeDataString(token)));
        });
        admin.MapDelete("/{id}", async Task<Results<NoContent, NotFound>> (string id, DisplayTokens tokens, CancellationToken ct) =>
            await tokens.RevokeAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound());

        // Opened once on the screen: the token moves into a long-lived cookie that no session expiry touches.
        app.MapGet("/wall/pair", async (string? token, HttpContext context, DisplayTokens tokens, CancellationToken ct) =>
        {
            if (token is null || await tokens.ValidateAsync(token, ct) is not { } display)
                return Results.Problem(detail: "This pairing link is unknown or revoked: ask an admin for a new one.", statusCode: 400);
            context.Response.Cookies.Append(DisplayAuthenticationHandler.Cookie, token, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Expires = DateTimeOffset.UtcNow.AddYears(10), IsEssential = true,
            });
            return Results.Redirect("/wall/" + Uri.EscapeDataString(display.Board));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static ProblemHttpResult Bad(string field, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: 400, title: "Invalid request", extensions: new Dictionary<string, object?> { ["field"] = field });
}
