using System.Security.Claims;
using CxMonitor.Web.Metrics;
using CxMonitor.Web.Pages;
using CxMonitor.Web.Sites;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Access.Reach;

/// <summary>Works out a caller's <see cref="ReadReach"/> from its principal: the one place that
/// says what a key or a screen may read, used by the API and the live hub alike.</summary>
public sealed class ReadReachResolver(IOptionsMonitor<WallOptions> walls, SiteCatalog sites)
{
    public ReadReach For(ClaimsPrincipal user)
    {
        if (ApiKeyClaims.KeyId(user) is not null)
        {
            return ApiKeyClaims.CoversAllSites(user)
                ? ReadReach.Everything
                : ReadReach.OfKey(ApiKeyClaims.Sites(user).Split(',', StringSplitOptions.RemoveEmptyEntries));
        }
        if (user.IsInRole(DisplayAuthenticationHandler.Role))
            return ReadReach.OfScreen(ScreenScopes(user.FindFirst(DisplayAuthenticationHandler.BoardClaim)?.Value ?? ""));
        return ReadReach.Everything;
    }

    /// <summary>The tiles of the screen's board and of the boards it moves on to (slides and
    /// time-of-day schedule): everything the screen may show.</summary>
    private IEnumerable<SatisfactionScope> ScreenScopes(string board)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var next = new Queue<string>([board]);
        while (next.TryDequeue(out var name))
        {
            if (!seen.Add(name) || WallBoardsApi.Find(name, walls.CurrentValue, sites) is not { } b)
                continue;
            foreach (var tile in b.Tiles)
            {
                if (SatisfactionScope.TryParse(tile.Scope, out var scope))
                    yield return scope;
            }
            if (b.Next is { } n)
                next.Enqueue(n);
            foreach (var s in b.Schedule)
                next.Enqueue(s.Board);
        }
    }
}
