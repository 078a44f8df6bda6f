using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Web.Access.People;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CxMonitor.Web.Tests.People;

/// <summary>Signs a person in through the real session API, as a browser would: the client keeps
/// the session cookie and sends the anti-forgery token on writes.</summary>
public static class PeopleSignIn
{
    public const string Password = "correct horse battery staple";

    /// <summary>For an app on the test server.</summary>
    public static Task<HttpClient> AsAsync(WebApplicationFactory<Program> factory, string role, string? userName = null) =>
        AsAsync(factory.Services, factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true }), role, userName);

    /// <summary>For an app on a real Kestrel port.</summary>
    public static Task<HttpClient> AsAsync(Uri baseAddress, IServiceProvider services, string role, string? userName = null) =>
        AsAsync(services, new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress }, role, userName);

    /// <summary>Creates the person (once) and signs them in with <paramref name="client"/>.</summary>
    public static async Task<HttpClient> AsAsync(IServiceProvider services, HttpClient client, string role, string? userName = null)
    {
        userName ??= role.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..6];
        var users = services.GetRequiredService<UserStore>();
        if (await users.FindAsync(userName) is null)
            await users.CreateAsync(userName, [role], Password);
        var response = await client.PostAsJsonAsync("/api/v1/session", new { userName, password = Password });
        response.EnsureSuccessStatusCode();
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Add("X-CSRF-Token", session.GetProperty("csrfToken").GetString());
        return client;
    }
}
