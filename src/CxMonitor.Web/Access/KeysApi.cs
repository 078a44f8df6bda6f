using Microsoft.AspNetCore.Http.HttpResults;

namespace CxMonitor.Web.Access;

public sealed record KeyCreateRequest(string? Source, string[]? Sites);

/// <summary>A new key: <see cref="Key"/> is shown this once and exists nowhere else.</summary>
public sealed record CreatedKey(ApiKeyInfo Info, string Key);

/// <summary>Sources and their API keys for the admin pages (Admin only), the same operations as
/// <c>cxmonitor keys</c>.</summary>
public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/keys").RequireAuthorization(AccessPolicies.Admin).WithTags("Access");
        keys.MapGet("", async (ApiKeyStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)))
            .WithName("ListKeys").WithSummary("Every API key with its source, sites and last use; never a secret.");
        keys.MapPost("", CreateAsync)
            .WithName("CreateKey").WithSummary("Creates a key for a source and its sites; the key is in this response only.");
        keys.MapDelete("/{keyId}", async Task<Results<NoContent, NotFound>> (string keyId, ApiKeyStore store, CancellationToken ct) =>
                ApiKeyFormat.IsKeyId(keyId) && await store.RevokeAsync(keyId, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("RevokeKey").WithSummary("Revokes a key; running nodes stop accepting it within the key cache time.");
        return app;
    }

    private static async Task<Results<Created<CreatedKey>, ProblemHttpResult>> CreateAsync(
        KeyCreateRequest request, ApiKeyStore store, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Source))
            return TypedResults.Problem(detail: "source: required, e.g. 'kiosk-berlin'.", statusCode: StatusCodes.Status400BadRequest);
        if (request.Sites is not { Length: > 0 })
            return TypedResults.Problem(detail: "sites: give at least one site id, or \"*\" for all sites.", statusCode: StatusCodes.Status400BadRequest);
        try
        {
            var (info, key) = await store.CreateAsync(request.Source, request.Sites, ct);
            return TypedResults.Created($"/api/v1/keys/{info.KeyId}", new CreatedKey(info, key));
        }
        catch (ArgumentException ex)
        {
            return TypedResults.Problem(detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
