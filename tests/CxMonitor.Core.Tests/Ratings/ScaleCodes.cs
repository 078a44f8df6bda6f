using CxMonitor.Core.Ratings;

namespace CxMonitor.Core.Tests.Ratings;

public class ScaleCodes
{
    [Theory]
    [InlineData(RatingScale.Csat5, "csat5")]
    [InlineData(RatingScale.Nps11, "nps11")]
    [InlineData(RatingScale.Ces7, "ces7")]
    [InlineData(RatingScale.Smiley4, "smiley4")]
    [InlineData(RatingScale.Stars5, "stars5")]
    [InlineData(RatingScale.Thumbs2, "thumbs2")]
    public void Every_scale_has_its_lower_case_wire_code(RatingScale scale, string code)
    {
        Assert.Equal(code, RatingScales.Code(scale));
    }

    [Theory]
    [InlineData("csat5", RatingScale.Csat5)]
    [InlineData("nps11", RatingScale.Nps11)]
    [InlineData("ces7", RatingScale.Ces7)]
    [InlineData("smiley4", RatingScale.Smiley4)]
    [InlineData("stars5", RatingScale.Stars5)]
    [InlineData("thumbs2", RatingScale.Thumbs2)]
    public void Codes_parse_exactly_as_written(string code, RatingScale expected)
    {
        Assert.True(RatingScales.TryParse(code, out var scale));
        Assert.Equal(expected, scale);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("csat")]
    [InlineData("csat 5")]
    [InlineData("csat_5")]
    [InlineData("csat5x")]
    [InlineData("nps")]
    [InlineData("nps10")]
    [InlineData("stars")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("5")]
    [InlineData("  csat5 ")]
    [InlineData("csat5 ")]
    [InlineData("\tthumbs2\n")]
    [InlineData("CSAT5")]
    [InlineData("NPS11")]
    [InlineData("Smiley4")]
    public void Anything_but_a_known_code_does_not_parse(string? code)
    {
        Assert.False(RatingScales.TryParse(code, out _));
    }

    [Fact]
    public void All_lists_every_scale_once_in_declaration_order()
    {
        Assert.Equal(
            [RatingScale.Csat5, RatingScale.Nps11, RatingScale.Ces7, RatingScale.Smiley4, RatingScale.Stars5, RatingScale.Thumbs2],
            RatingScales.All);
    }

    [Fact]
    public void Every_code_of_All_parses_back_to_its_scale()
    {
        foreach (var scale in RatingScales.All)
        {
            Assert.True(RatingScales.TryParse(RatingScales.Code(scale), out var parsed));
            Assert.Equal(scale, parsed);
        }
    }

    [Fact]
    public void All_cannot_be_changed_through_a_cast()
    {
        var asList = Assert.IsAssignableFrom<IList<RatingScale>>(RatingScales.All);
        Assert.True(asList.IsReadOnly);
    }

    [Fact]
    public void An_undefined_scale_value_is_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RatingScales.Code((RatingScale)42));
        Assert.Equal("scale", ex.ParamName);
    }
}
