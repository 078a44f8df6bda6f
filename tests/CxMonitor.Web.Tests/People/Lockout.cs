using System.Net;
using System.Net.Http.Json;
using CxMonitor.Web.Access.People;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CxMonitor.Web.Tests.People;

public class Lockout(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one_until_the_lockout_ends()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var app = TestApp.WithSites(folder.NewSub());
        await using var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        await factory.Services.GetRequiredService<UserStore>().CreateAsync("mira", [UserRoles.Duty], PeopleSignIn.Password);
        var client = factory.CreateClient();

        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/session", new { userName = "mira", password = "guess " + i + " wrong" })).StatusCode);
        var fifth = await client.PostAsJsonAsync("/api/v1/session", new { userName = "mira", password = "guess 5 wrong" });
        var rightButLocked = await client.PostAsJsonAsync("/api/v1/session", new { userName = "mira", password = PeopleSignIn.Password });
        clock.Advance(TimeSpan.FromMinutes(15));
        var afterLockout = await client.PostAsJsonAsync("/api/v1/session", new { userName = "mira", password = PeopleSignIn.Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightButLocked.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(15), rightButLocked.Headers.RetryAfter?.Delta);
        Assert.Contains("locked for 15 minutes", await rightButLocked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, afterLockout.StatusCode);
    }
}
