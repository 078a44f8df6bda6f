using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CxMonitor.Web.Access.People;

public sealed record UserCreateRequest(string? UserName, string? DisplayName, string[]? Roles);

public sealed record UserChangeRequest(string[]? Roles, bool? Disabled);

/// <summary>A new person, or a reset: the password is shown once.</summary>
public sealed record UserWithPassword(UserAccount User, string OneTimePassword);

/// <summary>People administration for the admin pages (Admin only).</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/users").RequireAuthorization(AccessPolicies.Admin).WithTags("People");
        group.MapGet("", async (UserStore users, CancellationToken ct) => TypedResults.Ok(await users.ListAsync(ct)));
        group.MapPost("", CreateAsync);
        group.MapPatch("/{userName}", ChangeAsync);
        group.MapPost("/{userName}/password-reset", async Task<Results<Ok<UserWithPassword>, NotFound>> (string userName, UserStore users, CancellationToken ct) =>
            await users.ResetPasswordAsync(userName, ct) is { } password
                ? TypedResults.Ok(new UserWithPassword((await users.FindAsync(userName, ct))!, password))
                : TypedResults.NotFound());
        return app;
    }

    private static async Task<Results<Created<UserWithPassword>, ProblemHttpResult>> CreateAsync(
        UserCreateRequest request, UserStore users, CancellationToken ct)
    {
        if (TextLimits.TooLong(request.DisplayName, TextLimits.Name) is { } tooLong)
            return TypedResults.Problem(detail: $"displayName: {tooLong}.", statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["field"] = "displayName" });
        try
        {
            var (account, password) = await users.CreateAsync(request.UserName ?? "", request.Roles ?? [], null, request.DisplayName, ct);
            return TypedResults.Created($"/api/v1/users/{account.UserName}", new UserWithPassword(account, password!));
        }
        catch (ArgumentException ex)
        {
            return TypedResults.Problem(detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<Results<Ok<UserAccount>, NotFound, ProblemHttpResult>> ChangeAsync(
        string userName, UserChangeRequest request, ClaimsPrincipal caller, UserStore users, CancellationToken ct)
    {
        if (await users.FindAsync(userName, ct) is null)
            return TypedResults.NotFound();
        // An admin who locks themselves out leaves nobody to fix it.
        var self = string.Equals(caller.Identity?.Name, userName, StringComparison.OrdinalIgnoreCase);
        if (self && (request.Disabled == true || (request.Roles is { } r && !r.Any(x => UserRoles.Canonical(x) == UserRoles.Admin))))
            return TypedResults.Problem(detail: "You cannot disable yourself or take away your own Admin role.", statusCode: StatusCodes.Status400BadRequest);
        try
        {
            if (request.Roles is { } roles)
                await users.SetRolesAsync(userName, roles, ct);
            if (request.Disabled is { } disabled)
                await users.SetDisabledAsync(userName, disabled, ct);
        }
        catch (ArgumentException ex)
        {
            return TypedResults.Problem(detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        return TypedResults.Ok((await users.FindAsync(userName, ct))!);
    }
}
