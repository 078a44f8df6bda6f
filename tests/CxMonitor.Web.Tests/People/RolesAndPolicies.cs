using System.Net;
using System.Net.Http.Json;
using CxMonitor.Web.Access.People;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CxMonitor.Web.Tests.People;

public class RolesAndPolicies(TempFolder folder) : IClassFixture<TempFolder>
{
    [Theory]
    [InlineData(UserRoles.Admin, HttpStatusCode.OK)]
    [InlineData(UserRoles.Manager, HttpStatusCode.Forbidden)]
    [InlineData(UserRoles.Duty, HttpStatusCode.Forbidden)]
    [InlineData(UserRoles.Executive, HttpStatusCode.Forbidden)]
    public async Task Only_admins_may_list_people(string role, HttpStatusCode expected)
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var client = await PeopleSignIn.AsAsync(app, role);

        Assert.Equal(expected, (await client.GetAsync("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task An_api_key_carries_no_role_so_it_cannot_administer()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var client = app.ClientWithKey(await app.CreateKeyAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/v1/jobs/Rollup/run", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/jobs")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_admin_cannot_send_ratings_without_a_key()
    {
        // The ingest policy names the API-key scheme; a session authenticates by the cookie
        // scheme, so it is not taken for the key's result (AuthenticatedOncePolicyEvaluator).
        await using var app = TestApp.WithSites(folder.NewSub());
        var admin = await PeopleSignIn.AsAsync(app, UserRoles.Admin);

        var response = await admin.PostAsync("/api/v1/ratings",
            new StringContent("""{"scale":"csat5","score":5,"site":"north"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("X-Api-Key", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task A_cookie_write_without_the_csrf_token_is_refused_and_with_it_accepted()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var admin = await PeopleSignIn.AsAsync(app, UserRoles.Admin);
        var token = admin.DefaultRequestHeaders.GetValues("X-CSRF-Token").Single();

        admin.DefaultRequestHeaders.Remove("X-CSRF-Token");
        var without = await admin.PostAsJsonAsync("/api/v1/users", new { userName = "dave", roles = new[] { "Duty" } });
        admin.DefaultRequestHeaders.Add("X-CSRF-Token", token);
        var with = await admin.PostAsJsonAsync("/api/v1/users", new { userName = "dave", roles = new[] { "Duty" } });

        Assert.Equal(HttpStatusCode.Forbidden, without.StatusCode);
        Assert.Contains("X-CSRF-Token", await without.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, with.StatusCode);
    }

    [Fact]
    public async Task An_admin_creates_a_person_whose_one_time_password_signs_in_and_changed_roles_apply_from_the_next_sign_in()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var admin = await PeopleSignIn.AsAsync(app, UserRoles.Admin);
        var created = await (await admin.PostAsJsonAsync("/api/v1/users", new { userName = "dave", roles = new[] { "duty" } }))
            .Content.ReadFromJsonAsync<UserWithPassword>();
        var dave = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var session = await SessionCookie.SignInAsync(dave, "dave", created!.OneTimePassword);
        Assert.Equal(HttpStatusCode.NoContent, (await dave.SendAsync(session.Request(HttpMethod.Post, "/api/v1/session/password",
            new { currentPassword = created.OneTimePassword, newPassword = "tulip window harbour lantern" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dave.SendAsync(session.Request(HttpMethod.Get, "/api/v1/users"))).StatusCode);

        var promoted = await admin.PatchAsJsonAsync("/api/v1/users/dave", new { roles = new[] { "Admin" } });

        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        // The old session carried the old roles: it ends, and the next one carries the new ones.
        Assert.Equal(HttpStatusCode.Unauthorized, (await dave.SendAsync(session.Request(HttpMethod.Get, "/api/v1/users"))).StatusCode);
        var again = await SessionCookie.SignInAsync(dave, "dave", "tulip window harbour lantern");
        Assert.Equal(HttpStatusCode.OK, (await dave.SendAsync(again.Request(HttpMethod.Get, "/api/v1/users"))).StatusCode);
    }

    [Fact]
    public async Task Bad_roles_are_named_in_the_error()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var admin = await PeopleSignIn.AsAsync(app, UserRoles.Admin);

        var response = await admin.PostAsJsonAsync("/api/v1/users", new { userName = "eve", roles = new[] { "Superuser" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("roles: 'Superuser' is not a role: use Admin, Manager, Duty, Executive.", await response.Content.ReadAsStringAsync());
    }
}
