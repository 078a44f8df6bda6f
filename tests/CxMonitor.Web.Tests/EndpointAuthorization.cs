using System.Net;
using System.Text.RegularExpressions;
using CxMonitor.Testing;
using CxMonitor.Web.Access.Reach;
using CxMonitor.Web.Pages;
using CxMonitor.Web.Tests.Alerts;
using CxMonitor.Web.Tests.Ingest;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests;

/// <summary>Built from the app's own endpoint list, so that an endpoint added later is checked
/// without anyone remembering to: each states who may call it (a named policy or role, or an
/// anonymous endpoint listed here on purpose), and no GET endpoint shows a one-site key or a
/// one-board screen another site's data unless it is marked <see cref="ReadsEverySite"/>.</summary>
[Collection(InfluxdCollection.Name)]
public sealed partial class EndpointAuthorization(InfluxdFixture influxd) : IAsyncLifetime
{
    /// <summary>The endpoints anyone may call, each for a reason.</summary>
    private static readonly HashSet<string> Anonymous =
    [
        "GET /health/live", "GET /health/ready", // load balancers probe them
        "POST /api/v1/session", "GET /login", "GET /forbidden", // signing in
        "POST /api/v1/feeds/{name}/push", // a platform signs each message with the feed's secret instead
        "GET /wall/pair", // a screen pairs with the token in the link
        // Capture: a tablet pairs with its one-time code, then shows its cookie to every terminal
        // call (checked by the endpoints' filter); customers answer surveys without signing in,
        // limited per address and with the page's signed token.
        "GET /rate/pair", "GET /rate", "GET /api/v1/terminal", "POST /api/v1/terminal/answers",
        "GET /s/{code}", "GET /api/v1/survey/{code}", "POST /api/v1/survey/{code}",
    ];

    /// <summary>The other site's id: an answer that holds it shows the other site.</summary>
    private const string OtherSite = "south";
    private readonly string _rules = AlertsApp.RuleFolder();
    private IngestApp _app = null!;
    private long _otherSitesAlert;

    public async Task InitializeAsync()
    {
        var settings = AlertsApp.Settings(_rules);
        settings["Walls:Boards:north-wall:Tiles:0:Scope"] = "site:north";
        settings["Jobs:RollingSatisfaction:Interval"] = "00:00:01";
        _app = new IngestApp(influxd.Url, await influxd.CreateDatabaseAsync(nameof(EndpointAuthorization)), extra: settings);
        var all = await _app.ClientWithKeyAsync();
        await AlertsApp.PostAsync(all, AlertsApp.PoisoningRating("n1", "north"));
        await AlertsApp.PostAsync(all, AlertsApp.PoisoningRating("s1", OtherSite));
        // Both an alert and a snapshot of the other site exist before anything is read.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var alerts = await (await all.GetAsync($"/api/v1/alerts?site={OtherSite}")).JsonAsync();
            var snapshots = await (await all.GetAsync($"/api/v1/snapshots?scope=site:{OtherSite}")).JsonAsync();
            if (alerts.GetArrayLength() > 0 && snapshots.GetProperty("snapshots").GetArrayLength() > 0)
            {
                _otherSitesAlert = alerts[0].GetProperty("id").GetInt64();
                return;
            }
            await Task.Delay(200);
        }
        Assert.Fail("the other site's alert and snapshot never appeared");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_rules, recursive: true);
    }

    private IReadOnlyList<(string Name, string Method, string Pattern, Endpoint Endpoint)> Endpoints() =>
        [.. _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(m => ($"{m} {Path(e)}", m, Path(e), (Endpoint)e)))];

    // A group's "" route reads "/api/v1/session/": named without the trailing slash.
    private static string Path(RouteEndpoint e) => e.RoutePattern.RawText is { Length: > 1 } raw ? raw.TrimEnd('/') : e.RoutePattern.RawText ?? "";

    [Fact]
    public void Every_endpoint_states_who_may_call_it()
    {
        var endpoints = Endpoints();
        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints found: the list is not the app's");

        var unstated = new List<string>();
        foreach (var (name, _, _, endpoint) in endpoints)
        {
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var stated = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles));
            if (anonymous ? !Anonymous.Contains(name) : !stated)
                unstated.Add(anonymous ? $"{name}: anonymous, but not listed as such here" : $"{name}: no named policy or role");
        }
        Assert.True(unstated.Count == 0, string.Join("\n", unstated));
    }

    [Fact]
    public async Task No_get_endpoint_shows_a_one_site_key_or_screen_another_site()
    {
        var key = await _app.ClientWithKeyAsync("north");
        var (_, token) = await _app.Services.GetRequiredService<DisplayTokens>().CreateAsync("TV", "north-wall", "admin", CancellationToken.None);
        var screen = _app.Factory.CreateClient();
        screen.DefaultRequestHeaders.Add("Cookie", "cx_display=" + token);
        var everything = await _app.ClientWithKeyAsync();

        var leaks = new List<string>();
        var checkedCount = 0;
        var seenByAllSitesKey = 0;
        foreach (var (name, method, pattern, endpoint) in Endpoints())
        {
            if (method != "GET" || endpoint.Metadata.GetMetadata<ReadsEverySite>() is not null)
                continue;
            var url = Url(pattern);
            foreach (var (who, client) in new[] { ("one-site key", key), ("one-board screen", screen) })
            {
                var body = await (await client.GetAsync(url)).Content.ReadAsStringAsync();
                checkedCount++;
                if (body.Contains(OtherSite, StringComparison.Ordinal))
                    leaks.Add($"{name} ({url}) shows the {who} site '{OtherSite}': {body[..Math.Min(body.Length, 300)]}");
            }
            if ((await (await everything.GetAsync(url)).Content.ReadAsStringAsync()).Contains(OtherSite, StringComparison.Ordinal))
                seenByAllSitesKey++;
        }

        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.True(checkedCount > 10, $"only {checkedCount} reads checked");
        // The same reads with an all-sites key do show the other site: the check can fail.
        Assert.True(seenByAllSitesKey >= 2, $"an all-sites key saw '{OtherSite}' in only {seenByAllSitesKey} answers");
    }

    /// <summary>Route values that point at the other site's data where there is any.</summary>
    private string Url(string pattern)
    {
        var query = pattern switch
        {
            // Filters a caller may try; a scope named in the request would be echoed in the refusal.
            "/api/v1/alerts" => $"?site={OtherSite}",
            _ => "",
        };
        return RouteValue().Replace(pattern, m => m.Groups["name"].Value switch
        {
            "id" => _otherSitesAlert.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "board" => "main",
            "code" => "zzzzzzzz", // a survey: public, and only its own site's name
            var other => throw new InvalidOperationException($"{pattern}: say here which value of {{{other}}} reaches another site's data"),
        }) + query;
    }

    [GeneratedRegex(@"\{(?<name>\w+)(:[^}]*)?\}")]
    private static partial Regex RouteValue();
}
