using System.Net;
using System.Text;
using System.Text.Json;
using CxMonitor.Web.Access.People;

namespace CxMonitor.Web.Tests.People;

/// <summary>Every error, ours or the framework's, is problem details naming what was wrong,
/// with the security headers; none is an empty 500.</summary>
public sealed class ErrorAnswers(ErrorAnswers.AdminApp shared) : IClassFixture<ErrorAnswers.AdminApp>
{
    /// <summary>One app and one admin session for the whole class.</summary>
    public sealed class AdminApp : SharedApp
    {
        private HttpClient? _admin;

        public async Task<HttpClient> AdminAsync() => _admin ??= await PeopleSignIn.AsAsync(App, UserRoles.Admin);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field, string what)
    {
        Assert.True(response.StatusCode == status, $"{what}: {(int)response.StatusCode}, expected {(int)status}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{what}: {response.Content.Headers.ContentType}");
        Assert.True(response.Headers.Contains("Content-Security-Policy"), $"{what}: no content security policy");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (field is not null)
        {
            var named = problem.TryGetProperty("field", out var f) ? f.GetString() : null;
            Assert.True(named == field || (problem.TryGetProperty("detail", out var d) && d.GetString()!.Contains(field, StringComparison.Ordinal)),
                $"{what}: the answer does not name '{field}': {problem}");
        }
        return problem;
    }

    [Theory]
    [InlineData("/api/v1/alerts?state=", "state")]
    [InlineData("/api/v1/alerts?state=Firing%27", "state")]
    [InlineData("/api/v1/alerts?limit=abc", "limit")]
    [InlineData("/api/v1/series?scope=site:x%0Dy", "scope")]
    [InlineData("/api/v1/series?scope=site:%00", "scope")]
    [InlineData("/api/v1/snapshots?scope=site:%00", "scope")]
    [InlineData("/api/v1/trends?scope=site:x%0Dy", "scope")]
    [InlineData("/api/v1/trends/drivers?scope=site:%00", "scope")]
    [InlineData("/api/v1/trends/ratings?scope=site:x%0D", "scope")]
    [InlineData("/api/v1/trends/league?scope=site:%00", "scope")]
    [InlineData("/api/v1/trends?tz=W.%20Europe%20Standard%20Time", "tz")]
    [InlineData("/api/v1/series?step=10675200d", "step")]
    [InlineData("/api/v1/series?step=99999999999999999999d", "step")]
    [InlineData("/api/v1/series?from=0001-01-01T00:00:00Z", "from")]
    [InlineData("/api/v1/series?from=1677-09-21T00:00:00Z&to=1677-09-22T00:00:00Z", "to")]
    [InlineData("/api/v1/series?from=2262-04-10T00:00:00Z&to=2262-04-11T00:00:00Z", "to")]
    [InlineData("/api/v1/series?to=9999-12-31T00:00:00Z", "to")]
    [InlineData("/api/v1/trends?from=0001-01-01&to=0001-01-02", "to")]
    [InlineData("/api/v1/trends?from=1677-09-21&to=1677-09-22", "to")]
    [InlineData("/api/v1/trends?from=2262-04-10&to=2262-04-11", "to")]
    [InlineData("/api/v1/trends/league?from=9999-12-30&to=9999-12-31", "to")]
    public async Task A_bad_query_value_is_a_problem_naming_the_parameter(string url, string field) =>
        await AssertProblemAsync(await (await shared.AdminAsync()).GetAsync(url), HttpStatusCode.BadRequest, field, url);

    [Theory]
    [InlineData("/api/v1/session")]
    [InlineData("/api/v1/users")]
    [InlineData("/api/v1/alerts/silences")]
    [InlineData("/api/v1/displays")]
    public async Task A_body_that_is_not_json_is_a_problem(string url) =>
        await AssertProblemAsync(await (await shared.AdminAsync()).PostAsync(url, new StringContent("{\"oops\":", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, null, url);

    [Fact]
    public async Task Unknown_routes_wrong_methods_and_wrong_media_types_are_problems()
    {
        await AssertProblemAsync(await (await shared.AdminAsync()).GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound, null, "404");
        await AssertProblemAsync(await (await shared.AdminAsync()).DeleteAsync("/api/v1/alerts/rules"), HttpStatusCode.MethodNotAllowed, null, "405");
        await AssertProblemAsync(await (await shared.AdminAsync()).PostAsync("/api/v1/alerts/silences", new StringContent("{}", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType, null, "415");
    }
}
