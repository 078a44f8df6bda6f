using System.Net;
using CxMonitor.Web.Access.People;

namespace CxMonitor.Web.Tests.People;

/// <summary>A cookie request needs its anti-forgery token whatever else it carries: a forged
/// page could add an X-Api-Key header of its own, and the endpoint would still act on the cookie.</summary>
public class CsrfWhateverElseComes(TempFolder folder) : IClassFixture<TempFolder>
{
    [Theory]
    [InlineData("valid")]
    [InlineData("cxk_aaaaaaaaaa_not-a-real-secret-at-all-000000000000")]
    [InlineData("junk")]
    public async Task A_cookie_write_with_an_api_key_header_but_without_the_token_is_refused(string key)
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        await app.Get<UserStore>().CreateAsync("mira", [UserRoles.Duty], PeopleSignIn.Password);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var session = await SessionCookie.SignInAsync(client, "mira");
        using var request = session.Request(HttpMethod.Post, "/api/v1/session/password",
            new { currentPassword = PeopleSignIn.Password, newPassword = "tulip window harbour lantern" }, csrf: false);
        request.Headers.Add("X-Api-Key", key == "valid" ? await app.CreateKeyAsync() : key);

        var response = await client.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True((await app.Get<UserStore>().SignInAsync("mira", PeopleSignIn.Password)).Succeeded, "the password was changed");
    }

    [Fact]
    public async Task A_cookie_write_with_an_api_key_header_and_the_token_goes_through()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        await app.Get<UserStore>().CreateAsync("mira", [UserRoles.Duty], PeopleSignIn.Password);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var session = await SessionCookie.SignInAsync(client, "mira");
        using var request = session.Request(HttpMethod.Post, "/api/v1/session/password",
            new { currentPassword = PeopleSignIn.Password, newPassword = "tulip window harbour lantern" });
        request.Headers.Add("X-Api-Key", await app.CreateKeyAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(request)).StatusCode);
    }
}
