using System.Net;
using CxMonitor.Web.Access;

namespace CxMonitor.Web.Tests;

public class KeysCli(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task Keys_create_prints_the_key_alone_on_the_first_line_then_a_show_once_note()
    {
        var result = await CliRunner.RunAsync(folder.NewSub(), "keys", "create", "--source", "kiosk", "--sites", "berlin-alexanderplatz,riga-old-town");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^cxk_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$", result.Lines[0]);
        Assert.Contains("shown only once", result.Lines[1]);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task A_key_created_with_the_cli_authenticates_against_the_running_app()
    {
        var directory = folder.NewSub();
        await using var app = TestApp.WithSites(directory);
        var created = await CliRunner.RunAsync(directory, "keys", "create", "--source=kiosk", "--sites=*");

        var response = await app.ClientWithKey(created.Lines[0]).GetAsync("/api/v1/sites");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Keys_list_prints_a_table_of_keys_without_their_secrets()
    {
        var directory = folder.NewSub();
        var key = (await CliRunner.RunAsync(directory, "keys", "create", "--source", "kiosk", "--sites", "riga-old-town")).Lines[0];
        var keyId = key[4..14];
        await CliRunner.RunAsync(directory, "keys", "revoke", keyId);

        var list = await CliRunner.RunAsync(directory, "keys", "list");

        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"^ID\s+SOURCE\s+SITES\s+CREATED\s+LAST USED\s+REVOKED$", list.Lines[0]);
        Assert.Matches($@"^{keyId}\s+kiosk\s+riga-old-town\s+\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+-\s+\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\dZ$", list.Lines[1]);
        Assert.DoesNotContain(key[15..], list.Stdout);
    }

    [Fact]
    public async Task Keys_revoke_locks_the_key_out_of_the_app_when_the_cache_is_off()
    {
        var directory = folder.NewSub();
        await using var app = TestApp.WithSites(directory, ("Access:KeyCacheTtl", "00:00:00"));
        var key = await app.CreateKeyAsync();
        var client = app.ClientWithKey(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sites")).StatusCode);

        var revoked = await CliRunner.RunAsync(directory, "keys", "revoke", key[4..14]);

        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains("Revoked API key", revoked.Stdout);
        Assert.Contains("Running nodes notice within 10 seconds (Live:Redis is not set", revoked.Stdout);
        var response = await client.GetAsync("/api/v1/sites");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(ApiKeyAuthenticationHandler.UnknownKey, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("paris-opera", "Unknown site 'paris-opera'")]
    [InlineData("riga-old-town,Berlin", "Unknown site 'Berlin'")]
    public async Task Keys_create_for_a_site_not_in_the_catalog_exits_1_naming_the_site(string sites, string expected)
    {
        var result = await CliRunner.RunAsync(folder.NewSub(), "keys", "create", "--source", "kiosk", "--sites", sites);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Keys_revoke_of_an_unknown_key_exits_1()
    {
        var result = await CliRunner.RunAsync(folder.NewSub(), "keys", "revoke", "zzzzzzzzzz");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No API key with id 'zzzzzzzzzz'", result.Stderr);
    }

    [Theory]
    [InlineData("keys")]
    [InlineData("keys", "create", "--source", "kiosk")]
    [InlineData("keys", "create", "--sites", "*")]
    [InlineData("keys", "create", "--source", "--sites", "*")]
    [InlineData("keys", "list", "extra")]
    [InlineData("keys", "revoke")]
    [InlineData("keys", "rotate")]
    [InlineData("keys", "list", "--verbose")]
    [InlineData("serve")]
    public async Task Usage_errors_exit_2_with_the_usage_text_on_stderr(params string[] args)
    {
        var result = await CliRunner.RunRawAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage:", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("keys", "--help")]
    public async Task Help_prints_the_usage_and_exits_0(params string[] args)
    {
        var result = await CliRunner.RunRawAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("cxmonitor keys create --source NAME", result.Stdout);
    }

    [Theory]
    [InlineData]
    [InlineData("--urls=http://127.0.0.1:5080")]
    [InlineData("--environment", "Demo")]
    public async Task Web_host_arguments_are_not_a_command(params string[] args) =>
        Assert.Null((await CliRunner.RunRawAsync(args)).ExitCode);
}
