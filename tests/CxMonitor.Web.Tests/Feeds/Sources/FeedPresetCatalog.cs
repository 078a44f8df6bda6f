using CxMonitor.Web.Feeds.Sources;

namespace CxMonitor.Web.Tests.Feeds.Sources;

public class FeedPresetCatalog
{
    [Theory]
    [InlineData("google-business", FeedSourceKind.Json)]
    [InlineData("apple-appstore", FeedSourceKind.Json)]
    [InlineData("yelp-fusion", FeedSourceKind.Json)]
    [InlineData("google-play-csv", FeedSourceKind.Csv)]
    [InlineData("atom", FeedSourceKind.Syndication)]
    [InlineData("RSS", FeedSourceKind.Syndication)]
    public void Each_preset_is_found_by_name_with_the_options_of_its_kind(string name, FeedSourceKind kind)
    {
        var preset = FeedPresets.Get(name);

        Assert.Equal(kind, preset.Kind);
        Assert.Equal(kind == FeedSourceKind.Json, preset.Json is not null);
        Assert.Equal(kind == FeedSourceKind.Csv, preset.Csv is not null);
        Assert.Equal(kind == FeedSourceKind.Syndication, preset.Syndication is not null);
    }

    [Fact]
    public void An_unknown_preset_is_refused_listing_the_known_ones()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => FeedPresets.Get("trustpilot"));

        Assert.Contains("'trustpilot'", error.Message);
        Assert.All(FeedPresets.Names, name => Assert.Contains(name, error.Message));
        Assert.Equal(6, FeedPresets.Names.Count);
    }
}
