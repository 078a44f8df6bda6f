using System.Net;
using CxMonitor.Web.Access;
using CxMonitor.Web.Access.People;
using CxMonitor.Web.Jobs;

namespace CxMonitor.Web.Tests.Jobs;

/// <summary>The dashboard at /jobs: admins only, through our own sign-in; its own content security
/// policy on its own path, ours everywhere else.</summary>
public class JobsDashboardAccess
{
    private const string Yearly = "0 0 0 1 1 *";

    [Fact]
    public async Task An_admin_sees_the_recurring_jobs_under_the_dashboards_own_policy()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("digest", Yearly));
        var admin = await app.ClientAsAsync(UserRoles.Admin);

        var response = await admin.GetAsync("/jobs/recurring");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("digest", page);
        Assert.Contains("RollingSatisfaction", page);
        Assert.Equal(JobsDashboard.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        // Its scripts and styles come from its own path, under that policy too.
        var script = await admin.GetAsync("/jobs/js18250");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(JobsDashboard.ContentSecurityPolicy, script.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData(UserRoles.Duty)]
    [InlineData(UserRoles.Executive)]
    [InlineData(UserRoles.Manager)]
    public async Task Another_role_gets_403_on_the_dashboard_and_its_actions(string role)
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("digest", Yearly));
        var person = await app.ClientAsAsync(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync("/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync("/jobs/recurring")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync("/jobs/stats")).StatusCode);
        var trigger = await person.PostAsync("/jobs/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", "digest")]));
        Assert.Equal(HttpStatusCode.Forbidden, trigger.StatusCode);
        Assert.Equal(0, app.Probes["digest"].Started);
    }

    [Fact]
    public async Task A_visitor_without_a_session_is_sent_to_the_sign_in_page()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("digest", Yearly));
        var visitor = await app.ClientAsAsync(null);

        var response = await visitor.GetAsync("/jobs/recurring");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.OriginalString);
        var byKey = await app.ClientAsAsync(null);
        byKey.DefaultRequestHeaders.Add("X-Api-Key", "cxk_not_a_key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await byKey.GetAsync("/jobs")).StatusCode);
    }

    [Fact]
    public async Task Our_own_pages_keep_their_strict_policy()
    {
        await using var app = new JobsApp(s => s.AddScheduledJob<ProbeJob>("digest", Yearly));
        var admin = await app.ClientAsAsync(UserRoles.Admin);

        var response = await admin.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("unsafe-inline", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
