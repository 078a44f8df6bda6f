using System.Net;
using System.Text;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Data;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace CxMonitor.Web.Tests.People;

/// <summary>Sign-in attempts are limited per client address and overall, answered 429 with
/// Retry-After before any password is hashed.</summary>
public class SignInLimits(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task One_address_gets_429_with_retry_after_past_its_limit_and_another_address_still_gets_through()
    {
        await using var app = TestApp.WithSites(folder.NewSub(), ("People:SignInsPerAddressPerMinute", "2"), ("People:MaxFailedSignIns", "100"));
        await app.Get<UserStore>().CreateAsync("mira", [UserRoles.Duty], PeopleSignIn.Password);

        var answers = new List<Answer>();
        for (var i = 0; i < 5; i++)
            answers.Add(await SignInAsync(app, "10.0.0.1", "mira", "wrong guess number " + i));
        var rightButLimited = await SignInAsync(app, "10.0.0.1", "mira", PeopleSignIn.Password);
        // The refused attempts never reached the password check: only two failures were counted.
        var counted = await FailuresCountedAsync(app, "mira");
        var otherAddress = await SignInAsync(app, "10.0.0.2", "mira", PeopleSignIn.Password);

        // Two a minute means one more every 30 s: far more than these attempts take, even on a busy machine.
        Assert.Equal([401, 401, 429, 429, 429], answers.Select(a => a.StatusCode));
        Assert.True(int.Parse(answers[^1].RetryAfter, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("application/problem+json", answers[^1].ContentType);
        Assert.Equal(429, rightButLimited.StatusCode);
        Assert.Equal(2, counted);
        Assert.Equal(200, otherAddress.StatusCode);
    }

    [Fact]
    public async Task All_addresses_together_get_429_past_the_overall_limit()
    {
        await using var app = TestApp.WithSites(folder.NewSub(), ("People:SignInsPerMinute", "3"));

        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
            statuses.Add((await SignInAsync(app, $"10.0.1.{i + 1}", "nobody-" + i, "wrong guess number " + i)).StatusCode);

        Assert.Equal([401, 401, 401, 429, 429, 429], statuses);
    }

    [Fact]
    public async Task The_limit_applies_to_sign_in_only()
    {
        await using var app = TestApp.WithSites(folder.NewSub(), ("People:SignInsPerMinute", "1"));
        var client = app.CreateClient();

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    private static async Task<long> FailuresCountedAsync(TestApp app, string userName)
    {
        await using var connection = await app.Get<AppStateDb>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT failed_sign_ins FROM users WHERE user_name = @userName", new { userName });
    }

    // TestServer's raw SendAsync tells endpoints there is no body unless told otherwise.
    private sealed class HasBody : Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    private sealed record Answer(int StatusCode, string RetryAfter, string? ContentType, string Body);

    private static async Task<Answer> SignInAsync(TestApp app, string address, string userName, string password)
    {
        var body = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { userName, password }));
        var context = await app.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(address);
            c.Request.Method = "POST";
            c.Request.Scheme = "http";
            c.Request.Host = new HostString("localhost");
            c.Request.Path = "/api/v1/session";
            c.Request.ContentType = "application/json";
            c.Request.ContentLength = body.Length;
            c.Request.Body = new MemoryStream(body);
            c.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>(new HasBody());
        });
        var response = context.Response;
        var text = await new StreamReader(response.Body).ReadToEndAsync();
        return new Answer(response.StatusCode, response.Headers.RetryAfter.ToString(), response.ContentType, text);
    }
}
