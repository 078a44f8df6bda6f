using CxMonitor.Web.Pages;

namespace CxMonitor.Web.Tests.Pages;

public class DisplayTokensLifecycle(TempFolder folder) : IClassFixture<TempFolder>
{
    [Fact]
    public async Task Every_created_token_validates_whatever_characters_its_secret_holds()
    {
        // About half of all secrets hold a '_' (base64url); each must still pair.
        await using var app = new TestApp(folder.NewSub());
        var tokens = app.Get<DisplayTokens>();

        for (var i = 0; i < 40; i++)
        {
            var (display, token) = await tokens.CreateAsync($"TV {i}", "main", "admin", CancellationToken.None);
            Assert.Equal(display.Id, (await tokens.ValidateAsync(token, CancellationToken.None))?.Id);
        }
    }

    [Fact]
    public async Task A_revoked_token_stops_at_once_even_though_it_was_just_trusted()
    {
        await using var app = new TestApp(folder.NewSub());
        var tokens = app.Get<DisplayTokens>();
        var (display, token) = await tokens.CreateAsync("Checkout TV", "main", "admin", CancellationToken.None);
        Assert.NotNull(await tokens.ValidateAsync(token, CancellationToken.None));

        Assert.True(await tokens.RevokeAsync(display.Id, CancellationToken.None));

        Assert.Null(await tokens.ValidateAsync(token, CancellationToken.None));
        Assert.NotNull((await tokens.ListAsync(CancellationToken.None)).Single().RevokedAt);
    }

    [Fact]
    public async Task A_forged_secret_for_a_real_id_is_refused()
    {
        await using var app = new TestApp(folder.NewSub());
        var tokens = app.Get<DisplayTokens>();
        var (display, _) = await tokens.CreateAsync("Checkout TV", "main", "admin", CancellationToken.None);

        Assert.Null(await tokens.ValidateAsync($"cxd_{display.Id}_not-the-secret_at_all", CancellationToken.None));
        Assert.Null(await tokens.ValidateAsync("cxd_short_x", CancellationToken.None));
    }
}
