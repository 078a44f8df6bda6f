using CxMonitor.Web.Capture;

namespace CxMonitor.Web.Tests.Capture;

/// <summary>The plain rules of capture: the misuse filter, the comment filter, contact details
/// and a tablet's clock skew.</summary>
public sealed class CaptureRules
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Drumming_one_button_counts_the_first_press_only_and_a_resend_keeps_its_verdict()
    {
        var filter = new RepeatFilter();
        var window = TimeSpan.FromSeconds(4);
        // Presses every 3 s for 12 s: each within 4 s of the one before, so all but the first are repeats.
        var verdicts = Enumerable.Range(0, 5).Select(i => filter.IsRepeat("t1", window, $"a{i}", 4, T0.AddSeconds(3 * i), out _)).ToArray();
        Assert.Equal([false, true, true, true, true], verdicts);
        Assert.False(filter.IsRepeat("t1", window, "a0", 4, T0, out var isNew));
        Assert.False(isNew);
        Assert.True(filter.IsRepeat("t1", window, "a3", 4, T0.AddSeconds(9), out isNew));
        Assert.False(isNew);
    }

    [Fact]
    public void Another_button_another_terminal_a_pause_or_no_window_is_not_a_repeat()
    {
        var filter = new RepeatFilter();
        var window = TimeSpan.FromSeconds(4);
        Assert.False(filter.IsRepeat("t1", window, "a", 4, T0, out _));
        Assert.False(filter.IsRepeat("t1", window, "b", 3, T0.AddSeconds(1), out _));
        Assert.False(filter.IsRepeat("t2", window, "c", 3, T0.AddSeconds(1), out _));
        Assert.False(filter.IsRepeat("t1", window, "d", 3, T0.AddSeconds(5.5), out _));
        Assert.False(filter.IsRepeat("t1", TimeSpan.Zero, "e", 3, T0.AddSeconds(5.6), out _));
    }

    [Theory]
    [InlineData("Queue was far too long", null)]
    [InlineData("Очередь слишком длинная, касса одна", null)]
    [InlineData("Чудово!!! Дякую", null)]
    [InlineData("cheap pills at http://x.example", "links")]
    [InlineData("see www.best-deals.top now", "links")]
    [InlineData("write to me: anna@example.org", "links")]
    [InlineData("buy on shop.xyz", "links")]
    [InlineData("zzzzzzzzzzzzzzz", "repeat")]
    [InlineData("what the fuck", "swear")]
    [InlineData("полная хуйня", "swear")]
    public void Comments_with_links_mashing_or_swearing_are_refused(string comment, string? rule)
    {
        var refusal = CommentFilter.Refuses(comment);
        if (rule is null)
            Assert.Null(refusal);
        else
            Assert.Contains(rule, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("anna@example.org", true)]
    [InlineData("+49 30 1234567", true)]
    [InlineData("(044) 123-45-67", true)]
    [InlineData("call me maybe", false)]
    [InlineData("12345", false)]
    [InlineData("+1 234 567 890 123 456 789", false)]
    [InlineData("", false)]
    [InlineData("<script>@x.y", false)]
    public void Contact_details_are_an_e_mail_address_or_a_phone_number(string contact, bool valid) =>
        Assert.Equal(valid, ContactStore.Invalid(contact) is null);

    [Fact]
    public void A_fast_tablet_clock_moves_its_answers_back_and_a_small_difference_moves_nothing()
    {
        var now = T0;
        List<CaptureAnswer> answers = [new("a", T0.AddMinutes(9), 4, null, null, null), new("b", T0.AddMinutes(10), 4, null, null, null)];
        var moved = ClockSkew.Correct(answers, T0.AddMinutes(10).ToString("O"), now);
        Assert.Equal([T0.AddMinutes(-1), T0], moved.Select(a => a.Time!.Value));
        Assert.Same(answers, ClockSkew.Correct(answers, T0.AddSeconds(1).ToString("O"), now));
        Assert.Same(answers, ClockSkew.Correct(answers, "yesterday", now));
        Assert.Same(answers, ClockSkew.Correct(answers, null, now));
    }
}
