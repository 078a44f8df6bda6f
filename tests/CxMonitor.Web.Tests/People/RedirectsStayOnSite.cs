using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CxMonitor.Web.Access.People;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CxMonitor.Web.Tests.People;

/// <summary>Nothing a visitor sends (a return path, a Host header) can make the app send a
/// browser to another site; and what the app answers about people is never kept in a cache.</summary>
public class RedirectsStayOnSite(TempFolder folder) : IClassFixture<TempFolder>
{
    // Browsers read '\' as '/' and drop tabs, so each of these leads to evil.example.
    public static readonly TheoryData<string> Foreign = new()
    {
        "/%5Cevil.example/", "/%09/evil.example/", "//evil.example/", "/%0A/evil.example/", "https://evil.example/", "/%5C/evil.example", "evil.example",
    };

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task The_sign_in_page_drops_a_return_path_to_another_site(string encoded)
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/login?return=" + encoded);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_sign_in_page_keeps_a_return_path_on_this_site()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login?return=%2Falerts%3Fstate%3Dopen")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).StatusCode);
    }

    [Fact]
    public async Task The_page_script_sends_a_person_only_to_a_path_on_this_site()
    {
        string[] foreign = ["/\\evil.example/", "/\t/evil.example/", "//evil.example/", "/\n/evil.example/", "https://evil.example/", "evil.example", "/\\/evil.example", "", "/%5C%5Cevil.example"];
        string[] local = ["/alerts", "/wall/main?x=1#top", "/"];

        var answers = await RunReturnPathAsync([.. foreign, .. local]);

        Assert.All(answers.Take(foreign.Length - 1), a => Assert.Equal("/", a));
        // Percent-encoded backslashes stay encoded in a path: still this site.
        Assert.StartsWith("/%5C", answers[foreign.Length - 1]);
        Assert.Equal(local, answers.Skip(foreign.Length));
    }

    [Fact]
    public async Task A_forged_host_header_never_reaches_a_redirect()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var executive = await PeopleSignIn.AsAsync(app.Services, app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), UserRoles.Executive);

        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/alerts");
        anonymous.Headers.Host = "evil.example";
        using var withoutRole = new HttpRequestMessage(HttpMethod.Get, "/alerts");
        withoutRole.Headers.Host = "evil.example";
        var toLogin = await client.SendAsync(anonymous);
        var toForbidden = await executive.SendAsync(withoutRole);

        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        Assert.Equal("/login?return=%2Falerts", toLogin.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, toForbidden.StatusCode);
        Assert.StartsWith("/forbidden", toForbidden.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/api/v1/session")]
    [InlineData("/api/v1/alerts")]
    [InlineData("/alerts")]
    [InlineData("/")]
    public async Task Answers_about_people_are_never_stored(string path)
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var client = await PeopleSignIn.AsAsync(app, UserRoles.Manager);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path} answered Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task A_refused_api_answer_is_not_stored_either()
    {
        await using var app = TestApp.WithSites(folder.NewSub());

        var response = await app.CreateClient().GetAsync("/api/v1/alerts");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    /// <summary>The page's own module (wwwroot/js/return-path.js) in Node, as the browser runs it.</summary>
    private static async Task<string[]> RunReturnPathAsync(string[] inputs)
    {
        var module = Path.Combine(Path.GetDirectoryName(LiveClientProcess.ClientFolder())!, "..", "wwwroot", "js", "return-path.js");
        var script = $$"""
            import { localReturnPath } from {{JsonSerializer.Serialize(new Uri(Path.GetFullPath(module)).AbsoluteUri)}};
            const inputs = {{JsonSerializer.Serialize(inputs)}};
            console.log(JSON.stringify(inputs.map(i => localReturnPath(i, "http://cx.example:8080"))));
            """;
        var psi = new ProcessStartInfo("node", ["--input-type=module", "-e", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var node = Process.Start(psi)!;
        var output = await node.StandardOutput.ReadToEndAsync();
        var error = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, error);
        return JsonSerializer.Deserialize<string[]>(output)!;
    }
}
