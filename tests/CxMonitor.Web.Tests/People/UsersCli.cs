using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CxMonitor.Web.Tests.People;

public class UsersCli(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task Create_admin_prints_a_one_time_password_that_signs_in_and_must_be_changed()
    {
        var directory = folder.NewSub();
        var created = await CliRunner.RunAsync(directory, "users", "create-admin");
        await using var app = TestApp.WithSites(directory);

        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/session", new { userName = "admin", password = created.Lines[0] });

        Assert.Equal(0, created.ExitCode);
        Assert.Matches("^[A-Za-z0-9]{20}$", created.Lines[0]);
        Assert.Contains("shown once", created.Lines[1]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["Admin"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(session.GetProperty("mustChangePassword").GetBoolean());
    }

    [Fact]
    public async Task Create_admin_does_nothing_when_an_admin_exists_so_scripts_can_call_it_on_every_start()
    {
        var directory = folder.NewSub();
        await CliRunner.RunAsync(directory, "users", "create-admin");

        var again = await CliRunner.RunAsync(directory, "users", "create-admin");

        Assert.Equal(0, again.ExitCode);
        Assert.Equal("", again.Stdout);
        Assert.Contains("An administrator exists already", again.Stderr);
    }

    [Fact]
    public async Task Users_list_shows_people_and_roles_but_no_password()
    {
        var directory = folder.NewSub();
        var created = await CliRunner.RunAsync(directory, "users", "create", "--name", "olena", "--role", "duty,manager");

        var list = await CliRunner.RunAsync(directory, "users", "list");

        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"^olena\s+Duty,Manager\s", list.Lines[1]);
        Assert.DoesNotContain(created.Lines[0], list.Stdout);
    }

    [Fact]
    public async Task An_unknown_role_is_a_clear_error()
    {
        var result = await CliRunner.RunAsync(folder.NewSub(), "users", "create", "--name", "olena", "--role", "boss");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("roles: 'boss' is not a role: use Admin, Manager, Duty, Executive.", result.Stderr);
    }
}
