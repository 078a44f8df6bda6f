using System.Text;
using CxMonitor.Web.Feeds;
using CxMonitor.Web.Feeds.Sources;

namespace CxMonitor.Web.Tests.Feeds.Sources;

public class SourceEncodingDetection
{
    private const string Russian = "Ждали заказ 40 минут, кофе остыл. Обслуживание ужасное, персонал грубый, больше не придём.";

    static SourceEncodingDetection() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("windows-1251")]
    [InlineData("koi8-r")]
    [InlineData("utf-16BE")]
    [InlineData("utf-16LE")]
    [InlineData("utf-8")]
    public void Text_without_a_declaration_is_read_as_what_it_is(string encoding)
    {
        var bytes = Encoding.GetEncoding(encoding).GetBytes(string.Concat(Enumerable.Repeat(Russian + " Hello, order 42.\n", 4)));

        var found = SourceEncoding.Of(bytes, declared: null, "encoding", whole: true);

        Assert.Equal(string.Concat(Enumerable.Repeat(Russian + " Hello, order 42.\n", 4)), found.GetString(bytes));
    }

    [Fact]
    public void A_declared_charset_wins_over_what_the_bytes_look_like()
    {
        var bytes = Encoding.GetEncoding("windows-1251").GetBytes(Russian);

        Assert.Equal("windows-1251", SourceEncoding.Of(bytes, "cp1251", "encoding", whole: true).WebName);
        Assert.Equal("windows-1251", SourceEncoding.Of(bytes, "\"windows-1251\"", "encoding", whole: true).WebName);
    }

    [Fact]
    public void Bytes_whose_encoding_cannot_be_told_are_refused_naming_the_problem()
    {
        byte[] bytes = [0x81, 0xFE, 0x00, 0x9F, 0xC3, 0x28, 0xFF, 0x80, 0x01, 0xA0, 0xE2, 0x28, 0xA1];

        var refusal = Assert.Throws<FeedFormatException>(() => SourceEncoding.Of(bytes, null, "the 'encoding' parameter", whole: true));

        Assert.Contains("is not UTF-8", refusal.Message);
        Assert.Contains("its encoding could not be told", refusal.Message);
        Assert.Contains("the 'encoding' parameter", refusal.Message);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss/>", "windows-1251")]
    [InlineData("<?xml version='1.0' encoding='koi8-r' ?><feed/>", "koi8-r")]
    [InlineData("<?xml version=\"1.0\"?><rss/>", null)]
    [InlineData("<rss/>", null)]
    public void An_xml_declaration_names_its_encoding(string xml, string? expected) =>
        Assert.Equal(expected, SourceEncoding.XmlDeclared(Encoding.ASCII.GetBytes(xml)));
}
