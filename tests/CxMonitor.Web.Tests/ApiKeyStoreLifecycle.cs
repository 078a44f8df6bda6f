using CxMonitor.Web.Access;
using CxMonitor.Web.Data;
using Dapper;

namespace CxMonitor.Web.Tests;

public class ApiKeyStoreLifecycle(SharedApp shared) : IClassFixture<SharedApp>
{
    private ApiKeyStore Store => shared.App.Get<ApiKeyStore>();

    [Fact]
    public async Task A_created_key_has_the_documented_shape_and_validates()
    {
        var (info, key) = await Store.CreateAsync("kiosk", ["berlin-alexanderplatz", "riga-old-town"]);

        Assert.Matches(@"^cxk_[a-z0-9]{10}_[A-Za-z0-9_-]{43}$", key);
        Assert.StartsWith($"cxk_{info.KeyId}_", key);
        Assert.Equal(["berlin-alexanderplatz", "riga-old-town"], info.Sites);
        var validated = await Store.ValidateAsync(key);
        Assert.Equal(info.KeyId, validated?.KeyId);
        Assert.Equal("kiosk", validated?.Source);
    }

    [Fact]
    public async Task Only_a_hash_of_the_secret_is_stored()
    {
        var (info, key) = await Store.CreateAsync("survey-tool", ["*"]);
        var secret = key[(ApiKeyFormat.Prefix.Length + ApiKeyFormat.KeyIdLength + 1)..];

        await using var connection = await shared.App.Get<AppStateDb>().OpenAsync(CancellationToken.None);
        var row = await connection.QuerySingleAsync<(string Sites, byte[] Hash)>(
            "SELECT sites, secret_hash FROM api_keys WHERE key_id = @KeyId", new { info.KeyId });
        Assert.Equal("*", row.Sites);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(secret)), row.Hash);
        foreach (var file in Directory.GetFiles(shared.Folder.Path, "cxmonitor.db*"))
            Assert.DoesNotContain(secret, System.Text.Encoding.ASCII.GetString(await File.ReadAllBytesAsync(file)));
    }

    [Fact]
    public async Task A_wrong_secret_or_a_malformed_key_does_not_validate_even_when_the_key_is_cached()
    {
        var (info, key) = await Store.CreateAsync("kiosk", ["*"]);
        Assert.NotNull(await Store.ValidateAsync(key));
        var (_, other) = await Store.CreateAsync("kiosk", ["*"]);
        var wrongSecret = $"cxk_{info.KeyId}_{other[^43..]}";

        Assert.Null(await Store.ValidateAsync(wrongSecret));
        Assert.Null(await Store.ValidateAsync(key[..^1]));
        Assert.Null(await Store.ValidateAsync("cxk_" + info.KeyId));
        Assert.Null(await Store.ValidateAsync(""));
    }

    [Fact]
    public async Task Listing_shows_every_key_and_revoking_one_marks_it_and_stops_it_validating()
    {
        var (info, key) = await Store.CreateAsync("revoke-me", ["riga-old-town"]);
        Assert.NotNull(await Store.ValidateAsync(key));

        Assert.True(await Store.RevokeAsync(info.KeyId));
        Assert.True(await Store.RevokeAsync(info.KeyId));

        Assert.Null(await Store.ValidateAsync(key));
        var listed = Assert.Single(await Store.ListAsync(), k => k.KeyId == info.KeyId);
        Assert.True(listed.IsRevoked);
        Assert.Equal("revoke-me", listed.Source);
        Assert.False(await Store.RevokeAsync("zzzzzzzzzz"));
    }

    [Fact]
    public async Task The_first_use_of_a_key_is_recorded_as_last_used()
    {
        var (info, key) = await Store.CreateAsync("kiosk", ["*"]);
        Assert.Null((await Store.ListAsync()).Single(k => k.KeyId == info.KeyId).LastUsedAt);

        await Store.ValidateAsync(key);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ((await Store.ListAsync()).Single(k => k.KeyId == info.KeyId).LastUsedAt is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "last_used_at was not written within 5 s");
            await Task.Delay(20);
        }
    }

    [Theory]
    [InlineData("kiosk", "paris-opera", "Unknown site 'paris-opera'")]
    [InlineData("kiosk", "*,riga-old-town", "'*' (all sites) cannot be combined")]
    [InlineData("kiosk", " , ", "at least one site")]
    [InlineData("two words", "*", "'two words' is not a source name")]
    public async Task Keys_for_unknown_sites_or_with_bad_names_are_refused(string source, string sites, string expected)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateAsync(source, sites.Split(',')));
        Assert.Contains(expected, error.Message);
    }
}
