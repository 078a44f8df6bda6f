using System.Net;
using CxMonitor.Web.Access.People;

namespace CxMonitor.Web.Tests.People;

/// <summary>A new password must not be a common one, a run of one key, or the person's name with
/// a little added (ASVS 2.1.7); long passphrases of plain words are welcome.</summary>
public class PasswordRulesRefuse(TempFolder folder) : IClassFixture<TempFolder>
{
    [Theory]
    [InlineData("aaaaaaaaaaaa", "too few different characters")]
    [InlineData("abababababab", "too few different characters")]
    [InlineData("password1234", "most common passwords")]
    [InlineData("P@ssw0rd2026!", "most common passwords")]
    [InlineData("qwertyuiop123", "most common passwords")]
    [InlineData("iloveyou2025!!", "most common passwords")]
    [InlineData("abcdefghijkl", "run of letters, digits or keys")]
    [InlineData("123456789012", "run of letters, digits or keys")]
    [InlineData("{name}123", "built on the user name or display name")]
    [InlineData("{name}2026!!!!", "built on the user name or display name")]
    [InlineData("Kovalenko-2026!", "built on the user name or display name")]
    [InlineData("short", "at least 12 characters")]
    public async Task A_weak_new_password_is_refused_naming_the_field_and_the_old_one_stays(string password, string reason)
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var name = "mirakov" + Guid.NewGuid().ToString("N")[..4];
        await app.Get<UserStore>().CreateAsync(name, [UserRoles.Duty], PeopleSignIn.Password, "Mira Kovalenko");
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var session = await SessionCookie.SignInAsync(client, name);

        var response = await client.SendAsync(session.Request(HttpMethod.Post, "/api/v1/session/password",
            new { currentPassword = PeopleSignIn.Password, newPassword = password.Replace("{name}", name, StringComparison.Ordinal) }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = await response.Content.ReadAsStringAsync();
        Assert.Contains("password: ", detail);
        Assert.Contains(reason, detail);
        Assert.True((await app.Get<UserStore>().SignInAsync(name, PeopleSignIn.Password)).Succeeded);
    }

    [Theory]
    [InlineData("tulip window harbour lantern")]
    [InlineData("mira walks the dunes at dusk")]
    [InlineData("Xq7#pL2v!m9Rz")]
    public async Task A_strong_new_password_is_taken_even_when_it_mentions_the_name_among_other_words(string password)
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        await app.Get<UserStore>().CreateAsync("mira", [UserRoles.Duty], PeopleSignIn.Password, "Mira Kovalenko");
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var session = await SessionCookie.SignInAsync(client, "mira");

        var response = await client.SendAsync(session.Request(HttpMethod.Post, "/api/v1/session/password",
            new { currentPassword = PeopleSignIn.Password, newPassword = password }));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public void The_demo_peoples_passwords_follow_the_rules()
    {
        var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.Demo.json")));
        foreach (var demo in settings.RootElement.GetProperty("People").GetProperty("DemoUsers").EnumerateArray())
        {
            var name = demo.GetProperty("UserName").GetString();
            Assert.Null(PasswordRules.Problem(demo.GetProperty("Password").GetString()!, 12, name, name));
        }
    }
}
