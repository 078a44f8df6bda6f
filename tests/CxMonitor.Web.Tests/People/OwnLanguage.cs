using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Web.Access.People;

namespace CxMonitor.Web.Tests.People;

/// <summary>A person's own language is kept with the person: it comes back in every new session
/// (another browser) and in the cx_lang cookie pages read before they know who is looking.</summary>
public class OwnLanguage(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task A_language_chosen_in_one_browser_is_the_persons_in_the_next()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        await app.Get<UserStore>().CreateAsync("mira", [UserRoles.Duty], PeopleSignIn.Password);
        var first = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var session = await SessionCookie.SignInAsync(first, "mira");

        var set = await first.SendAsync(session.Request(HttpMethod.Put, "/api/v1/session/language", new { language = "uk" }));

        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        Assert.Contains(set.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cx_lang=uk;", StringComparison.Ordinal) && !c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        var second = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var signIn = await second.PostAsJsonAsync("/api/v1/session", new { userName = "mira", password = PeopleSignIn.Password });
        Assert.Equal("uk", (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("language").GetString());
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cx_lang=uk;", StringComparison.Ordinal));

        await first.SendAsync(session.Request(HttpMethod.Put, "/api/v1/session/language", new { language = (string?)null }));
        Assert.Null((await app.Get<UserStore>().FindAsync("mira"))!.Language);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("UK")]
    [InlineData("")]
    public async Task A_language_we_do_not_speak_is_refused_naming_the_field(string language)
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        await app.Get<UserStore>().CreateAsync("mira", [UserRoles.Duty], PeopleSignIn.Password);
        await app.Get<UserStore>().SetLanguageAsync("mira", "ru");
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var session = await SessionCookie.SignInAsync(client, "mira");

        var response = await client.SendAsync(session.Request(HttpMethod.Put, "/api/v1/session/language", new { language }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("language", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        Assert.Equal("ru", (await app.Get<UserStore>().FindAsync("mira"))!.Language);
    }

    [Fact]
    public async Task Only_a_signed_in_person_sets_a_language_and_only_their_own()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", await app.CreateKeyAsync());

        var response = await client.PutAsJsonAsync("/api/v1/session/language", new { language = "uk" });

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"a key set a language: {response.StatusCode}");
    }
}
