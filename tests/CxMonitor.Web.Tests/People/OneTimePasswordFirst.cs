using System.Net;
using System.Net.Http.Json;
using CxMonitor.Web.Access.People;

namespace CxMonitor.Web.Tests.People;

/// <summary>Whoever created or reset a one-time password has seen it: until its person chooses
/// their own, the session may only read itself, change the password and sign out.</summary>
public class OneTimePasswordFirst(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task A_session_with_a_one_time_password_may_only_change_it_then_everything_its_role_allows()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var (_, oneTime) = await app.Get<UserStore>().CreateAsync("newbie", [UserRoles.Manager]);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var session = await SessionCookie.SignInAsync(client, "newbie", oneTime!);
        var silence = new { site = "berlin-alexanderplatz", comment = "works", endsAt = DateTimeOffset.UtcNow.AddHours(1) };

        var alerts = await client.SendAsync(session.Request(HttpMethod.Get, "/api/v1/alerts"));
        var silenced = await client.SendAsync(session.Request(HttpMethod.Post, "/api/v1/alerts/silences", silence));
        var hub = await client.SendAsync(session.Request(HttpMethod.Post, "/hubs/live/negotiate?negotiateVersion=1"));
        var own = await client.SendAsync(session.Request(HttpMethod.Get, "/api/v1/session"));

        Assert.Equal(HttpStatusCode.Forbidden, alerts.StatusCode);
        Assert.Contains("Choose your own password first", await alerts.Content.ReadAsStringAsync());
        Assert.Equal("application/problem+json", alerts.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, silenced.StatusCode);
        Assert.Empty(await app.Get<CxMonitor.Web.Alerts.Store.AlertStore>().SilencesAsync(DateTimeOffset.UtcNow, true, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, hub.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        var changed = await client.SendAsync(session.Request(HttpMethod.Post, "/api/v1/session/password",
            new { currentPassword = oneTime, newPassword = "violet compass river stone" }));

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(session.Request(HttpMethod.Get, "/api/v1/alerts"))).StatusCode);
    }

    [Fact]
    public async Task A_person_with_a_one_time_password_may_still_sign_out()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var (_, oneTime) = await app.Get<UserStore>().CreateAsync("newbie", [UserRoles.Duty]);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var session = await SessionCookie.SignInAsync(client, "newbie", oneTime!);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(session.Request(HttpMethod.Delete, "/api/v1/session"))).StatusCode);
    }
}
