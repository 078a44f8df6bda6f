using CxMonitor.Web.Capture;

namespace CxMonitor.Web.Tests.Capture;

/// <summary>Terminals, surveys and consented contacts on the app-state engine the run uses (test.sh
/// runs this class again with <c>CXMONITOR_TEST_STATE=PostgreSql</c>): a store whose SQL only
/// SQLite understands fails here on the second pass.</summary>
public class CaptureStoresOnBothEngines(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task A_terminal_pairs_once_validates_its_token_counts_repeats_and_is_refused_after_revocation()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var terminals = app.Get<TerminalStore>();
        var settings = new TerminalSettings("Till 1", "north", "checkout", "in-store", "smiley4",
            new Dictionary<string, string> { ["en"] = "How was it?", ["uk"] = "Як вам?" }, FollowUp: true, TimeSpan.FromSeconds(3));

        var (terminal, code) = await terminals.CreateAsync(settings, "admin", CancellationToken.None);
        var paired = await terminals.PairAsync(code, CancellationToken.None);
        var pairedAgain = await terminals.PairAsync(code, CancellationToken.None);
        await terminals.AddRepeatsAsync(terminal.Id, 4, CancellationToken.None);

        Assert.NotNull(paired);
        Assert.Null(pairedAgain);
        var valid = await terminals.ValidateAsync(paired.Value.Token, CancellationToken.None);
        Assert.Equal(("north", "checkout", true, "Як вам?"), (valid!.Site, valid.Touchpoint, valid.FollowUp, valid.Question["uk"]));
        Assert.Equal(4, (await terminals.FindAsync(terminal.Id, CancellationToken.None))!.Repeats);

        Assert.True(await terminals.RevokeAsync(terminal.Id, CancellationToken.None));
        Assert.Null(await terminals.ValidateAsync(paired.Value.Token, CancellationToken.None));
        Assert.NotNull(Assert.Single(await terminals.ListAsync(CancellationToken.None)).RevokedAt);
    }

    [Fact]
    public async Task A_survey_is_found_until_revoked_and_contacts_are_found_by_their_rating_ids_only()
    {
        await using var app = TestApp.WithSites(folder.NewSub());
        var surveys = app.Get<SurveyStore>();
        var contacts = app.Get<ContactStore>();

        var survey = await surveys.CreateAsync("north", "support", "web", "nps11", "admin", CancellationToken.None);
        Assert.NotNull(await surveys.FindActiveAsync(survey.Code, CancellationToken.None));
        Assert.True(await surveys.RevokeAsync(survey.Code, CancellationToken.None));
        Assert.Null(await surveys.FindActiveAsync(survey.Code, CancellationToken.None));

        await contacts.SaveAsync("r-1", "north", "support", "+49 30 1234567", CancellationToken.None);
        await contacts.SaveAsync("r-2", "north", "support", "mira@example.org", CancellationToken.None);
        var found = await contacts.FindAsync(["r-2", "r-3"], CancellationToken.None);

        Assert.Equal(("r-2", "mira@example.org"), (Assert.Single(found).RatingId, found[0].Contact));
        await contacts.ForgetAsync("r-2", CancellationToken.None);
        Assert.Empty(await contacts.FindAsync(["r-2"], CancellationToken.None));
    }
}
