using CxMonitor.Core.Text;

namespace CxMonitor.Core.Tests.Text;

public class HtmlStripping
{
    [Theory]
    [InlineData("Plain text stays", "Plain text stays")]
    [InlineData("<p>Great <b>coffee</b></p><p>Slow queue</p>", "Great coffee\n\nSlow queue")]
    [InlineData("Line one<br/>Line two<br>Line three", "Line one\nLine two\nLine three")]
    [InlineData("Fish &amp; chips &lt;3 &#1044;&#1072;", "Fish & chips <3 Да")]
    [InlineData("<script>alert('x')</script>Nice staff<style>p{}</style>", "Nice staff")]
    [InlineData("  <b>lots</b>   of\t space  ", "lots of space")]
    [InlineData("  plain   text\nkeeps its own spacing ", "plain   text\nkeeps its own spacing")]
    [InlineData("2 < 3 and 5 > 4", "2 < 3 and 5 > 4")]
    [InlineData("<div>Очень <i>грубый</i> персонал</div>", "Очень грубый персонал")]
    [InlineData("", "")]
    public void Html_becomes_plain_text_with_its_line_breaks(string html, string expected) =>
        Assert.Equal(expected, TextHtml.Strip(html));

    [Fact]
    public void An_unterminated_tag_drops_the_markup_after_it() =>
        Assert.Equal("Good", TextHtml.Strip("Good<a href=\"x"));

    [Fact]
    public void Topics_of_pre_split_words_match_the_text_overload()
    {
        var topics = new TextTopics(TextTopics.Default);
        const string text = "The cashier was rude and the queue took ages; оплата картой не прошла";

        Assert.Equal(topics.Of(text), topics.Of(TextTokens.Words(text).ToArray()));
        Assert.Equal(["staff", "waiting", "payment"], topics.Of(text));
    }
}
