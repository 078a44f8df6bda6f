using CxMonitor.Influx.Write;

namespace CxMonitor.Influx.Tests;

public class LineProtocolEncoding
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("with space", @"with\ space")]
    [InlineData("with,comma", @"with\,comma")]
    [InlineData("with=equals", @"with\=equals")]
    [InlineData(@"back\slash", @"back\slash")]
    [InlineData("\"quoted\"", "\"quoted\"")]
    [InlineData("Київ Хрещатик", @"Київ\ Хрещатик")]
    [InlineData("emoji 😀", @"emoji\ 😀")]
    public void Tag_values_escape_comma_space_and_equals_only(string value, string encoded)
    {
        var line = PointData.Measurement("m").Tag("t", value).Field("f", 1L).Timestamp(1000).ToLineProtocol();
        Assert.Equal($"m,t={encoded} f=1i 1000", line);
    }

    [Theory]
    [InlineData("my measurement", @"my\ measurement")]
    [InlineData("a,b", @"a\,b")]
    [InlineData("a=b", "a=b")]
    public void Measurements_escape_comma_and_space_but_not_equals(string measurement, string encoded)
    {
        Assert.StartsWith(encoded + " ", PointData.Measurement(measurement).Field("f", true).ToLineProtocol());
    }

    [Theory]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"C:\path\", "\"C:\\\\path\\\\\"")]
    [InlineData("line1\nline2", "\"line1\nline2\"")]
    [InlineData("a, b = c", "\"a, b = c\"")]
    public void String_fields_escape_quotes_and_backslashes(string value, string encoded)
    {
        Assert.Equal($"m s={encoded}", PointData.Measurement("m").Field("s", value).ToLineProtocol());
    }

    [Fact]
    public void Field_types_are_encoded_as_influxdb_expects()
    {
        var line = PointData.Measurement("m")
            .Field("i", 42L).Field("d", 0.1).Field("b", false).Field("neg", -3).Field("big", 1e21)
            .ToLineProtocol();
        Assert.Equal("m i=42i,d=0.1,b=false,neg=-3i,big=1E+21", line);
    }

    [Fact]
    public void Numbers_ignore_the_current_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal("m d=1.5", PointData.Measurement("m").Field("d", 1.5).ToLineProtocol());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Tags_are_sorted_and_a_null_tag_is_left_out()
    {
        var line = PointData.Measurement("m").Tag("z", "1").Tag("a", "2").Tag("none", null).Field("f", 1L).ToLineProtocol();
        Assert.Equal("m,a=2,z=1 f=1i", line);
    }

    [Fact]
    public void Setting_a_field_twice_keeps_the_last_value()
    {
        Assert.Equal("m f=2i", PointData.Measurement("m").Field("f", 1L).Field("f", 2L).ToLineProtocol());
    }

    [Theory]
    [InlineData("", "t", "v", "f", "measurement must not be empty")]
    [InlineData("#m", "t", "v", "f", "must not start with '#'")]
    [InlineData("m", "", "v", "f", "tag key must not be empty")]
    [InlineData("m", "t", "", "f", "tag 't' value must not be empty")]
    [InlineData("m", "time", "v", "f", "tag key must not be 'time'")]
    [InlineData("m", "t", "v", "time", "field key must not be 'time'")]
    [InlineData("m", "t", "ends\\", "f", "must not end with a backslash")]
    [InlineData("m", "t", "two\nlines", "f", "must not contain a line break")]
    [InlineData("m", "t", @"back\,comma", "f", "must not have a backslash before ','")]
    [InlineData("m", @"back\ space", "v", "f", "must not have a backslash before ' '")]
    [InlineData("m", "t", "v", @"back\=eq", "must not have a backslash before '='")]
    [InlineData(@"m\ x", "t", "v", "f", "must not have a backslash before ' '")]
    [InlineData("m\r", "t", "v", "f", "must not contain a line break")]
    public void Points_influxdb_would_reject_are_refused_with_a_clear_message(string measurement, string tagKey, string tagValue, string fieldKey, string message)
    {
        var point = PointData.Measurement(measurement).Tag(tagKey, tagValue).Field(fieldKey, 1L);
        var ex = Assert.Throws<LineProtocolException>(point.ToLineProtocol);
        Assert.Contains(message, ex.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_numbers_are_refused(double value)
    {
        var ex = Assert.Throws<LineProtocolException>(() => PointData.Measurement("m").Field("f", value).ToLineProtocol());
        Assert.Contains("field 'f'", ex.Message);
    }

    [Fact]
    public void A_point_without_fields_is_refused()
    {
        var ex = Assert.Throws<LineProtocolException>(() => PointData.Measurement("m").Tag("t", "v").ToLineProtocol());
        Assert.Contains("no fields", ex.Message);
    }

    [Fact]
    public void Timestamps_are_milliseconds_since_the_epoch()
    {
        var t = new DateTimeOffset(2026, 11, 22, 10, 0, 0, 123, TimeSpan.Zero);
        Assert.Equal($"m f=1i {t.ToUnixTimeMilliseconds()}", PointData.Measurement("m").Field("f", 1L).Timestamp(t).ToLineProtocol());
    }
}
