using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Web.Access.People;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CxMonitor.Web.Tests.People;

public class SigningIn(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task The_right_password_opens_a_session_with_the_roles_and_a_csrf_token()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        await app.Get<UserStore>().CreateAsync("mira", [UserRoles.Duty, UserRoles.Manager], PeopleSignIn.Password);
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/session", new { userName = "MIRA", password = PeopleSignIn.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("mira", session.GetProperty("userName").GetString());
        Assert.Equal(["Duty", "Manager"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(string.IsNullOrEmpty(session.GetProperty("csrfToken").GetString()));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cx_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/session")).StatusCode);
    }

    [Theory]
    [InlineData("mira", "wrong password!!")]
    [InlineData("nobody", PeopleSignIn.Password)]
    public async Task A_wrong_password_and_an_unknown_name_get_the_same_answer(string userName, string password)
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        await app.Get<UserStore>().CreateAsync("mira", [UserRoles.Duty], PeopleSignIn.Password);

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/session", new { userName, password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The user name or password is wrong.", problem.GetProperty("detail").GetString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var client = await PeopleSignIn.AsAsync(app, UserRoles.Executive);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/session")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/session")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_person_is_signed_out_at_their_next_request()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var client = await PeopleSignIn.AsAsync(app, UserRoles.Duty, "leaver");

        await app.Get<UserStore>().SetDisabledAsync("leaver", disabled: true);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/session")).StatusCode);
    }

    [Fact]
    public async Task Pages_send_a_visitor_without_a_session_to_the_sign_in_page()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/api/v1/session");

        // The API answers with a problem, never a redirect to an HTML page.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_password_change_needs_the_current_password_and_clears_the_one_time_flag()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var (_, oneTime) = await app.Get<UserStore>().CreateAsync("newbie", [UserRoles.Manager]);
        var client = app.CreateClient();
        var session = await (await client.PostAsJsonAsync("/api/v1/session", new { userName = "newbie", password = oneTime })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(session.GetProperty("mustChangePassword").GetBoolean());
        client.DefaultRequestHeaders.Add("X-CSRF-Token", session.GetProperty("csrfToken").GetString());

        var wrong = await client.PostAsJsonAsync("/api/v1/session/password", new { currentPassword = "not it at all", newPassword = "a much better passphrase" });
        var tooShort = await client.PostAsJsonAsync("/api/v1/session/password", new { currentPassword = oneTime, newPassword = "short" });
        var right = await client.PostAsJsonAsync("/api/v1/session/password", new { currentPassword = oneTime, newPassword = "a much better passphrase" });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("password: must be at least 12 characters", await tooShort.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
        Assert.False((await app.Get<UserStore>().FindAsync("newbie"))!.MustChangePassword);
    }
}
