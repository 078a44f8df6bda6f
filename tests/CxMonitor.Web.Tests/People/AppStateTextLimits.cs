using System.Net;
using System.Net.Http.Json;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Tests.Ingest;

namespace CxMonitor.Web.Tests.People;

/// <summary>Text put into the app state has a length limit, and a screen's board must exist:
/// an overlong value is refused naming the field, and nothing of it is stored.</summary>
public sealed class AppStateTextLimits(AppStateTextLimits.AdminApp shared) : IClassFixture<AppStateTextLimits.AdminApp>
{
    public sealed class AdminApp : SharedApp
    {
        private HttpClient? _admin;

        public async Task<HttpClient> AdminAsync() => _admin ??= await PeopleSignIn.AsAsync(App, UserRoles.Admin);
    }

    private static readonly string Long = new('x', 5000);
    private static readonly string Name101 = new('n', 101);

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Alert_work_refuses_overlong_assignees_notes_and_silences()
    {
        var admin = await shared.AdminAsync();
        var endsAt = DateTimeOffset.UtcNow.AddHours(4);

        await AssertRefusedAsync(await admin.PostAsJsonAsync("/api/v1/alerts/1/assign", new { assignee = Name101 }), "assignee");
        await AssertRefusedAsync(await admin.PostAsJsonAsync("/api/v1/alerts/1/resolve", new { note = Long }), "note");
        await AssertRefusedAsync(await admin.PostAsJsonAsync("/api/v1/alerts/1/comments", new { text = Long }), "text");
        await AssertRefusedAsync(await admin.PostAsJsonAsync("/api/v1/alerts/silences", new { rule = "poisoning", endsAt, comment = Long }), "comment");
        await AssertRefusedAsync(await admin.PostAsJsonAsync("/api/v1/alerts/silences", new { rule = Name101, endsAt, comment = "works" }), "rule");
        await AssertRefusedAsync(await admin.PostAsJsonAsync("/api/v1/alerts/silences", new { site = Name101, endsAt, comment = "works" }), "site");
        await AssertRefusedAsync(await admin.PostAsJsonAsync("/api/v1/alerts/silences", new { labels = new Dictionary<string, string> { ["team"] = Name101 }, endsAt, comment = "works" }), "labels");

        Assert.Equal(0, (await (await admin.GetAsync("/api/v1/alerts/silences?all=true")).JsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task A_screen_needs_a_short_name_and_a_board_that_exists()
    {
        var admin = await shared.AdminAsync();
        var before = (await (await admin.GetAsync("/api/v1/displays")).JsonAsync()).GetArrayLength();

        await AssertRefusedAsync(await admin.PostAsJsonAsync("/api/v1/displays", new { name = Name101, board = "main" }), "name");
        await AssertRefusedAsync(await admin.PostAsJsonAsync("/api/v1/displays", new { name = "TV", board = "no-such-board" }), "board");
        await AssertRefusedAsync(await admin.PostAsJsonAsync("/api/v1/displays", new { name = "TV", board = Long }), "board");

        Assert.Equal(before, (await (await admin.GetAsync("/api/v1/displays")).JsonAsync()).GetArrayLength());
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/displays", new { name = "TV", board = "main" })).StatusCode);
    }

    [Fact]
    public async Task A_person_needs_a_display_name_of_sensible_length()
    {
        var admin = await shared.AdminAsync();

        await AssertRefusedAsync(await admin.PostAsJsonAsync("/api/v1/users", new { userName = "longname", displayName = Name101, roles = new[] { "Duty" } }), "displayName");

        Assert.DoesNotContain("longname", await (await admin.GetAsync("/api/v1/users")).Content.ReadAsStringAsync());
    }
}
