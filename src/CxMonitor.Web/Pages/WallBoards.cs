using CxMonitor.Web.Access;
using CxMonitor.Web.Access.Reach;
using CxMonitor.Web.Sites;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Pages;

/// <summary>Bound from <c>Walls</c>: boards by name, each a list of tiles.</summary>
public sealed class WallOptions
{
    public const string Section = "Walls";

    public Dictionary<string, WallBoard> Boards { get; set; } = [];
}

public sealed class WallBoard
{
    public string Title { get; set; } = "";

    public List<WallTile> Tiles { get; set; } = [];

    /// <summary>en, ru or uk: the screen's language whoever looks at it; empty follows the browser.
    /// A <c>?lang=</c> in the screen's link still wins.</summary>
    public string? Language { get; set; }

    /// <summary>Mask swear words in the comment ticker.</summary>
    public bool MaskProfanity { get; set; } = true;

    /// <summary>Slides: after <see cref="Seconds"/> the screen moves on to this board.</summary>
    public string? Next { get; set; }

    public int Seconds { get; set; } = 30;

    /// <summary>Time-of-day schedule (the screen's local time): within a window, the screen shows its board.</summary>
    public List<WallSchedule> Schedule { get; set; } = [];

    /// <summary>Colour bounds per metric: each metric its own (an NPS of 22 is good, a CSAT of 22
    /// is not). Configure per board, e.g. <c>Walls:Boards:main:Thresholds:nps:Good=40</c>.</summary>
    public Dictionary<string, WallThreshold> Thresholds { get; set; } = new()
    {
        ["csat"] = new() { Good = 80, Warn = 60 },
        ["nps"] = new() { Good = 30, Warn = 0 },
        ["norm"] = new() { Good = 75, Warn = 60 },
    };
}

/// <summary>At or above <see cref="Good"/>: good; at or above <see cref="Warn"/>: a warning; below: bad.</summary>
public sealed class WallThreshold
{
    public double Good { get; set; }

    public double Warn { get; set; }
}

public sealed class WallSchedule
{
    /// <summary>"07:00"</summary>
    public string From { get; set; } = "00:00";

    /// <summary>"11:00" (exclusive)</summary>
    public string To { get; set; } = "24:00";

    public string Board { get; set; } = "main";
}

public sealed class WallTile
{
    public string Scope { get; set; } = "all";

    public string Label { get; set; } = "";

    public string Window { get; set; } = "today";

    /// <summary>csat, nps or norm: the big number.</summary>
    public string Metric { get; set; } = "csat";
}

/// <summary>GET /api/v1/walls/{board}: what a wall shows. Without configured boards, "main" shows
/// everything and each site today.</summary>
public static class WallBoardsApi
{
    public static IEndpointRouteBuilder MapWallBoardsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/walls", (IOptionsMonitor<WallOptions> options) => TypedResults.Ok(options.CurrentValue.Boards))
            .RequireAuthorization(AccessPolicies.Read).WithTags("Walls").WithSummary("The configured boards (Walls:Boards); 'main' is always there.")
            .ReadsEverySite("board settings: which scopes each board shows, no figures");
        app.MapGet("/api/v1/walls/{board}", Results<Ok<WallBoard>, NotFound> (string board, IOptionsMonitor<WallOptions> options, SiteCatalog sites) =>
            Find(board, options.CurrentValue, sites) is { } found ? TypedResults.Ok(found) : (Results<Ok<WallBoard>, NotFound>)TypedResults.NotFound()
        ).RequireAuthorization(AccessPolicies.Read).WithTags("Walls").ReadsEverySite("board settings: which scopes a board shows, no figures");
        return app;
    }

    /// <summary>A configured board, or without configuration of that name the default "main"
    /// (everything and each site); null for any other name.</summary>
    public static WallBoard? Find(string board, WallOptions options, SiteCatalog sites)
    {
        if (options.Boards.TryGetValue(board, out var configured))
            return configured;
        if (board != "main")
            return null;
        var tiles = new List<WallTile> { new() { Scope = "all", Label = "All sites" } };
        tiles.AddRange(sites.All.Take(23).Select(s => new WallTile { Scope = "site:" + s.Id, Label = s.Name }));
        return new WallBoard { Title = "Customer satisfaction today", Tiles = tiles };
    }

    /// <summary>Boards, and display tokens with their authentication scheme for wall screens.</summary>
    public static IHostApplicationBuilder AddWalls(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WallOptions>().BindConfiguration(WallOptions.Section);
        builder.Services.AddSingleton<DisplayTokens>();
        builder.Services.AddSingleton<Access.Reach.ReadReachResolver>();
        builder.Services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, DisplayAuthenticationHandler>(DisplayAuthenticationHandler.SchemeName, configureOptions: null);
        return builder;
    }
}
