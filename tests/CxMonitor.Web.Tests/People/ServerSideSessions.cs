using System.Net;
using System.Net.Http.Json;
using CxMonitor.Web.Access.People;

namespace CxMonitor.Web.Tests.People;

/// <summary>A session lives on the server: a copy of its cookie is worth nothing once the session
/// ended, whichever way it ended.</summary>
public class ServerSideSessions(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task Signing_out_ends_every_copy_of_the_session_cookie()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        await app.Get<UserStore>().CreateAsync("mira", [UserRoles.Duty], PeopleSignIn.Password);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var session = await SessionCookie.SignInAsync(client, "mira");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(session.Request(HttpMethod.Get, "/api/v1/alerts"))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(session.Request(HttpMethod.Delete, "/api/v1/session"))).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(session.Request(HttpMethod.Get, "/api/v1/alerts"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(session.Request(HttpMethod.Get, "/api/v1/session"))).StatusCode);
    }

    [Fact]
    public async Task An_admins_password_reset_ends_the_persons_sessions()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        await app.Get<UserStore>().CreateAsync("mira", [UserRoles.Duty], PeopleSignIn.Password);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var session = await SessionCookie.SignInAsync(client, "mira");
        var admin = await PeopleSignIn.AsAsync(app, UserRoles.Admin);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/users/mira/password-reset", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(session.Request(HttpMethod.Get, "/api/v1/alerts"))).StatusCode);
    }

    [Fact]
    public async Task Disabling_a_person_through_the_api_ends_their_sessions_and_enabling_does_not_bring_them_back()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        await app.Get<UserStore>().CreateAsync("mira", [UserRoles.Duty], PeopleSignIn.Password);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var session = await SessionCookie.SignInAsync(client, "mira");
        var admin = await PeopleSignIn.AsAsync(app, UserRoles.Admin);

        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync("/api/v1/users/mira", new { disabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PatchAsJsonAsync("/api/v1/users/mira", new { disabled = false })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(session.Request(HttpMethod.Get, "/api/v1/session"))).StatusCode);
    }

    [Fact]
    public async Task A_role_change_ends_the_persons_sessions_and_the_next_sign_in_carries_the_new_roles()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        await app.Get<UserStore>().CreateAsync("mira", [UserRoles.Admin], PeopleSignIn.Password);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var session = await SessionCookie.SignInAsync(client, "mira");
        var admin = await PeopleSignIn.AsAsync(app, UserRoles.Admin);

        await admin.PatchAsJsonAsync("/api/v1/users/mira", new { roles = new[] { "Executive" } });

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(session.Request(HttpMethod.Get, "/api/v1/users"))).StatusCode);
        var again = await SessionCookie.SignInAsync(client, "mira");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(again.Request(HttpMethod.Get, "/api/v1/users"))).StatusCode);
    }

    [Fact]
    public async Task Changing_ones_own_password_ends_the_other_sessions_and_keeps_this_one()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        await app.Get<UserStore>().CreateAsync("mira", [UserRoles.Duty], PeopleSignIn.Password);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var stolen = await SessionCookie.SignInAsync(client, "mira");
        var mine = await SessionCookie.SignInAsync(client, "mira");

        var changed = await client.SendAsync(mine.Request(HttpMethod.Post, "/api/v1/session/password",
            new { currentPassword = PeopleSignIn.Password, newPassword = "tulip window harbour lantern" }));

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(stolen.Request(HttpMethod.Get, "/api/v1/alerts"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(mine.Request(HttpMethod.Get, "/api/v1/alerts"))).StatusCode);
    }

    [Fact]
    public async Task Signing_in_again_over_an_open_session_ends_the_old_one()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        await app.Get<UserStore>().CreateAsync("mira", [UserRoles.Duty], PeopleSignIn.Password);
        await app.Get<UserStore>().CreateAsync("olek", [UserRoles.Duty], PeopleSignIn.Password);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var first = await SessionCookie.SignInAsync(client, "mira");

        using var again = first.Request(HttpMethod.Post, "/api/v1/session", new { userName = "olek", password = PeopleSignIn.Password });
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(again)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(first.Request(HttpMethod.Get, "/api/v1/session"))).StatusCode);
    }

    [Fact]
    public async Task After_a_restart_an_open_session_goes_on_and_an_ended_one_stays_ended()
    {
        var state = folder.NewSub();
        SessionCookie open, ended;
        await using (var before = TestApp.WithSites(state))
        {
            await before.Get<UserStore>().CreateAsync("mira", [UserRoles.Duty], PeopleSignIn.Password);
            var client = before.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
            open = await SessionCookie.SignInAsync(client, "mira");
            ended = await SessionCookie.SignInAsync(client, "mira");
            Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(ended.Request(HttpMethod.Delete, "/api/v1/session"))).StatusCode);
        }

        await using var after = TestApp.WithSites(state);
        var again = after.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });

        Assert.Equal(HttpStatusCode.OK, (await again.SendAsync(open.Request(HttpMethod.Get, "/api/v1/alerts"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.SendAsync(ended.Request(HttpMethod.Get, "/api/v1/alerts"))).StatusCode);
    }
}
