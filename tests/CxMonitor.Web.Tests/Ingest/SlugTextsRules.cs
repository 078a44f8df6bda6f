using System.Text;
using CxMonitor.Web.Ingest;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>The one-pass reader takes a site's or touchpoint's text from <see cref="SlugTexts"/>:
/// a lossy cache must never give one slug's text for another's bytes, nor let a refused text in.</summary>
public sealed class SlugTextsRules
{
    [Fact]
    public void The_same_bytes_give_the_same_string_made_once()
    {
        var slugs = new SlugTexts();
        Assert.True(slugs.TryGet("north-1.b_2"u8, out var first));
        Assert.True(slugs.TryGet("north-1.b_2"u8, out var second));
        Assert.Equal("north-1.b_2", first);
        Assert.Same(first, second);
    }

    [Theory]
    [InlineData("")]
    [InlineData("North")]
    [InlineData("north side")]
    [InlineData("-north")]
    [InlineData("café")]
    [InlineData("north\u0000")]
    public void A_text_the_slug_rule_refuses_is_refused_every_time(string text)
    {
        var slugs = new SlugTexts();
        var utf8 = Encoding.UTF8.GetBytes(text);
        for (var i = 0; i < 2; i++)
        {
            Assert.False(slugs.TryGet(utf8, out var value));
            Assert.Null(value);
        }
    }

    [Fact]
    public void Sixty_four_characters_pass_and_sixty_five_do_not()
    {
        var slugs = new SlugTexts();
        Assert.True(slugs.TryGet(Encoding.ASCII.GetBytes(new string('a', 64)), out _));
        Assert.False(slugs.TryGet(Encoding.ASCII.GetBytes(new string('a', 65)), out _));
    }

    [Fact]
    public void Many_slugs_sharing_slots_from_many_threads_each_get_their_own_text()
    {
        // Far more slugs than slots, so slots are taken over again and again while others read them.
        var slugs = new SlugTexts();
        var texts = Enumerable.Range(0, 5_000).Select(i => $"site-{i}").ToArray();
        var bytes = texts.Select(Encoding.ASCII.GetBytes).ToArray();
        var wrong = 0;
        Parallel.For(0, 8, thread =>
        {
            var random = new Random(thread);
            for (var n = 0; n < 200_000; n++)
            {
                var i = random.Next(texts.Length);
                if (!slugs.TryGet(bytes[i], out var text) || text != texts[i])
                    Interlocked.Increment(ref wrong);
            }
        });
        Assert.Equal(0, wrong);
    }
}
