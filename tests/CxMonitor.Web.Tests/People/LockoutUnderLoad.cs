using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CxMonitor.Web.Access.People;

namespace CxMonitor.Web.Tests.People;

/// <summary>The lockout counts every attempt exactly once, also when they come all at once, and
/// a name that does not exist locks like one that does.</summary>
public class LockoutUnderLoad(TempFolder folder) : IClassFixture<TempFolder>
{
    // The sign-in rate limits are opened wide here: this is about the per-account count.
    private static readonly (string, string?)[] Unthrottled = [("People:SignInsPerAddressPerMinute", "10000"), ("People:SignInsPerMinute", "10000")];

    [Fact]
    public async Task Forty_parallel_wrong_passwords_check_no_more_than_the_lockout_allows()
    {
        await using var app = TestApp.WithSites(folder.NewSub(), Unthrottled);
        await app.Get<UserStore>().CreateAsync("mira", [UserRoles.Duty], PeopleSignIn.Password);
        var client = app.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            client.PostAsJsonAsync("/api/v1/session", new { userName = "mira", password = "parallel guess " + i })));
        var right = await client.PostAsJsonAsync("/api/v1/session", new { userName = "mira", password = PeopleSignIn.Password });

        // Four wrong answers, then the fifth failure locks: everything else finds the account locked.
        Assert.Equal(4, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(36, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    [Fact]
    public async Task An_unknown_name_gets_the_same_answers_as_an_existing_one()
    {
        await using var app = TestApp.WithSites(folder.NewSub(), Unthrottled);
        await app.Get<UserStore>().CreateAsync("mira", [UserRoles.Duty], PeopleSignIn.Password);
        await app.Get<UserStore>().CreateAsync("leaver", [UserRoles.Duty], PeopleSignIn.Password);
        await app.Get<UserStore>().SetDisabledAsync("leaver", true);
        var client = app.CreateClient();

        var existing = await AnswersAsync(client, "mira");
        var unknown = await AnswersAsync(client, "nobody");
        var disabled = await AnswersAsync(client, "leaver");

        Assert.Equal([401, 401, 401, 401, 429, 429, 429], existing.Select(a => a.Status));
        Assert.Equal(existing, unknown);
        Assert.Equal(existing, disabled);
    }

    private static async Task<List<(int Status, string? Detail, string? RetryAfter)>> AnswersAsync(HttpClient client, string userName)
    {
        var answers = new List<(int, string?, string?)>();
        for (var i = 0; i < 7; i++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/session", new { userName, password = "wrong guess " + i });
            var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
            // Within the same minute or so; whole minutes are what the answer shows.
            var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? Math.Round(delta.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            answers.Add(((int)response.StatusCode, detail, retryAfter));
        }
        return answers;
    }
}
