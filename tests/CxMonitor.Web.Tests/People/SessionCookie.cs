using System.Net.Http.Json;
using System.Text.Json;

namespace CxMonitor.Web.Tests.People;

/// <summary>A session's cookies as text, so a test can replay a copy of them after the session
/// ended (as a thief who copied the cookie would).</summary>
public sealed record SessionCookie(string Cookie, string CsrfToken)
{
    public static async Task<SessionCookie> SignInAsync(HttpClient client, string userName, string password = PeopleSignIn.Password)
    {
        var response = await client.PostAsJsonAsync("/api/v1/session", new { userName, password });
        response.EnsureSuccessStatusCode();
        var cookie = string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new SessionCookie(cookie, session.GetProperty("csrfToken").GetString()!);
    }

    /// <summary>A request carrying these cookies and, for writes, the anti-forgery token.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, object? json = null, bool csrf = true)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", Cookie);
        if (csrf)
            request.Headers.Add("X-CSRF-Token", CsrfToken);
        if (json is not null)
            request.Content = JsonContent.Create(json);
        return request;
    }
}
