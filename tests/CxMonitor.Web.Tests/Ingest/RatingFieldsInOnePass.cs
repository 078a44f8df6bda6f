using System.Text.Json;
using CxMonitor.Web.Ingest;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>The one pass over a rating's properties finds what a lookup per field found: the
/// same value for every field (the last of a name given twice), the same unknown names.</summary>
public class RatingFieldsInOnePass
{
    [Fact]
    public void Every_field_is_what_a_lookup_by_name_finds_on_random_items_with_repeats_and_unknown_names()
    {
        var random = new Random(1119);
        var names = RatingFields.Names.Concat(["colour", "Id", "scale ", "\\u0069d"]).ToArray();
        for (var n = 0; n < 2000; n++)
        {
            var properties = Enumerable.Range(0, random.Next(0, 12))
                .Select(k => $"\"{names[random.Next(names.Length)]}\":{k}");
            using var doc = JsonDocument.Parse("{" + string.Join(',', properties) + "}");
            var item = doc.RootElement;
            var unknown = new List<string>();
            var fields = default(RatingFields);

            Assert.Null(fields.Read(item, unknown));

            var found = new[]
            {
                fields.Id, fields.Time, fields.Scale, fields.Score, fields.Site, fields.Channel, fields.Touchpoint,
                fields.Source, fields.Team, fields.Customer, fields.Reasons, fields.Comment, fields.Language,
            };
            for (var f = 0; f < RatingFields.Names.Length; f++)
            {
                var expected = FieldRules.Field(item, RatingFields.Names[f]);
                Assert.Equal(expected.ValueKind, found[f].ValueKind);
                if (expected.ValueKind != JsonValueKind.Undefined)
                    Assert.Equal(expected.GetRawText(), found[f].GetRawText());
            }
            Assert.Equal(
                item.EnumerateObject().Select(p => p.Name).Where(p => !RatingFields.Names.Contains(p)),
                unknown);
        }
    }
}
