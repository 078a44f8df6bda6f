using System.Diagnostics;
using System.Net.Http.Json;
using CxMonitor.Web.Access;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Live;
using CxMonitor.Web.Pages;
using CxMonitor.Web.Tests.People;

namespace CxMonitor.Web.Tests.Live;

/// <summary>SignalR checks who may connect only when a connection opens; an open /hubs/live
/// connection whose key, display token or session is revoked is closed within 10 s, and only that
/// one. The app on Kestrel, a real SignalR client (Node).</summary>
public class HubConnectionsEndWithTheirCredential(TempFolder folder) : IClassFixture<TempFolder>
{
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Connect = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_revoked_keys_connection_is_closed_and_another_keys_stays_open()
    {
        await using var app = Start();
        var keys = app.Get<ApiKeyStore>();
        var (revoked, revokedKey) = await keys.CreateAsync("wall-a", [ApiKeyInfo.AllSites]);
        var (_, keptKey) = await keys.CreateAsync("wall-b", [ApiKeyInfo.AllSites]);
        await using var doomed = LiveClientProcess.Start(app.ClientOptions.BaseAddress, revokedKey, "all");
        await using var kept = LiveClientProcess.Start(app.ClientOptions.BaseAddress, keptKey, "all");
        doomed.NextOf(Connect, "welcome");
        kept.NextOf(Connect, "welcome");

        await keys.RevokeAsync(revoked.KeyId);

        AssertClosedWithinPromise(doomed);
        await WaitForAsync(() => app.Get<LiveConnections>().Count == 1);
        Assert.Equal(1, app.Get<LiveConnections>().Count);
    }

    [Fact]
    public async Task A_revoked_display_tokens_connection_is_closed()
    {
        await using var app = Start();
        var tokens = app.Get<DisplayTokens>();
        var (display, token) = await tokens.CreateAsync("Checkout TV", "main", "admin", CancellationToken.None);
        await using var screen = LiveClientProcess.StartWithCookie(app.ClientOptions.BaseAddress, "cx_display=" + token, "all");
        screen.NextOf(Connect, "welcome");

        await tokens.RevokeAsync(display.Id, CancellationToken.None);

        AssertClosedWithinPromise(screen);
    }

    [Theory]
    [InlineData("signed out")]
    [InlineData("disabled")]
    [InlineData("password reset")]
    public async Task A_persons_connection_is_closed_when_the_session_ends(string how)
    {
        await using var app = Start();
        await app.Get<UserStore>().CreateAsync("mira", [UserRoles.Duty], PeopleSignIn.Password);
        var client = app.ClientWithKey(null);
        var session = await SessionCookie.SignInAsync(client, "mira");
        await using var person = LiveClientProcess.StartWithCookie(app.ClientOptions.BaseAddress, session.Cookie, "all");
        person.NextOf(Connect, "welcome");

        switch (how)
        {
            case "signed out":
                (await client.SendAsync(session.Request(HttpMethod.Delete, "/api/v1/session"))).EnsureSuccessStatusCode();
                break;
            case "disabled":
                await app.Get<UserStore>().SetDisabledAsync("mira", true);
                break;
            default:
                await app.Get<UserStore>().ResetPasswordAsync("mira");
                break;
        }

        AssertClosedWithinPromise(person);
    }

    private TestApp Start()
    {
        var app = TestApp.WithSites(folder.NewSub(), ("Access:KeyCacheTtl", "00:00:10"));
        app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    /// <summary>Messages still arriving before the close are fine; the close must come within 10 s.</summary>
    private static void AssertClosedWithinPromise(LiveClientProcess live)
    {
        var watch = Stopwatch.StartNew();
        var message = live.NextOf(Promise, "closed", "reconnecting");
        Assert.Equal("closed", message.GetProperty("type").GetString());
        Assert.True(watch.Elapsed <= Promise, $"closed after {watch.Elapsed.TotalSeconds:0.#} s");
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Connect;
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(50);
    }
}
