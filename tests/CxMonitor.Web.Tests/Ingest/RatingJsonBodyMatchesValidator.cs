using System.Text;
using System.Text.Json;
using CxMonitor.Web.Ingest;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>The one-pass reader of a JSON body of ratings (<see cref="RatingJsonBody"/>) against
/// what it replaces (<see cref="IngestBody"/>'s JsonDocument and <see cref="RatingValidator.Validate"/>
/// on every item), item by item, on random bodies: the same ratings, the same errors in the same
/// order, the same syntax error. And the plain valid items must really take the fast path.</summary>
public class RatingJsonBodyMatchesValidator
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 7, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<string> Sites = ["riga-old-town", "kyiv-podil", "s.1_x"];

    [Fact]
    public void Random_items_valid_and_broken_give_the_same_ratings_and_errors_as_the_validator()
    {
        var random = new Random(1926);
        var validator = new RatingValidator(new IngestOptions { MaxCommentLength = 60 }, TimeSpan.FromDays(400));
        var (items, fast, plain) = (0, 0, 0);
        for (var n = 0; n < 4000; n++)
        {
            var generator = new RandomRatings(random, Now);
            var count = random.Next(0, 25);
            var texts = Enumerable.Range(0, count).Select(_ => generator.Item()).ToList();
            var rootObject = count == 1 && random.Next(2) == 0;
            var body = RandomRatings.Utf8(rootObject ? texts[0].Json : "[" + string.Join("," + generator.Space(), texts.Select(t => t.Json)) + generator.Space() + "]");

            var (expected, expectedErrors) = Old(body, validator);
            var read = RatingJsonBody.Read(body, validator, Now, Sites.Contains, "terminal");
            var (actual, actualErrors) = Validated(read, validator);

            var what = Encoding.UTF8.GetString(body);
            Assert.True(expected.Count == actual.Count, what);
            for (var i = 0; i < expected.Count; i++)
                AssertSame(expected[i], actual[i], what);
            Assert.Equal(expectedErrors, actualErrors);
            for (var i = 0; i < texts.Count; i++)
            {
                if (texts[i].Plain)
                {
                    Assert.True(read[i].Rating is not null, "a plain valid item went the slow way: " + texts[i].Json);
                    plain++;
                }
            }
            items += count;
            fast += read.Count(r => r.Rating is not null);
        }
        // The mix must hold both kinds in numbers, or the comparison proves little.
        Assert.InRange(plain, items / 5, items);
        Assert.InRange(items - fast, items / 5, items);
    }

    [Fact]
    public void Bodies_that_are_not_well_formed_give_the_same_error_as_JsonDocument()
    {
        var random = new Random(2611);
        var validator = new RatingValidator(new IngestOptions(), TimeSpan.FromDays(400));
        var fixedBodies = new[]
        {
            "", " ", "\uFEFF[]", "[", "]", "[{}", "[{},]", "[{}] x", "{} {}", "[1 2]", "/*c*/[]", "[{\"score\":4,}]",
            "[{\"score\":04}]", "[{\"comment\":\"tab\tinside\"}]", "{\"a\":" + new string('[', 20) + new string(']', 20) + "}",
            "[" + new string('[', 15) + new string(']', 15) + "]", "[" + new string('[', 16) + new string(']', 16) + "]", "nul", "\"x", "[\"\\x\"]",
        };
        var bodies = fixedBodies.Select(RandomRatings.Utf8).ToList();
        for (var n = 0; n < 3000; n++)
        {
            var generator = new RandomRatings(random, Now);
            var body = RandomRatings.Utf8("[" + string.Join(",", Enumerable.Range(0, random.Next(1, 6)).Select(_ => generator.Item().Json)) + "]");
            bodies.Add(random.Next(3) switch
            {
                0 => body[..random.Next(body.Length)],
                1 => Replace(body, random.Next(body.Length), (byte)"{}[],:\"\\ ax0-.eE\n"[random.Next(17)]),
                _ => Replace(body, random.Next(body.Length), (byte)random.Next(256)),
            });
        }
        var errors = 0;
        foreach (var body in bodies)
        {
            string? expected = null, actual = null;
            try
            {
                Old(body, validator);
            }
            catch (JsonException ex)
            {
                expected = ex.Message;
            }
            try
            {
                Validated(RatingJsonBody.Read(body, validator, Now, Sites.Contains, "terminal"), validator);
            }
            catch (JsonException ex)
            {
                actual = ex.Message;
            }
            Assert.True(expected == actual, Encoding.UTF8.GetString(body) + "\nexpected: " + expected + "\nactual: " + actual);
            errors += expected is null ? 0 : 1;
        }
        Assert.InRange(errors, bodies.Count / 2, bodies.Count);
    }

    [Fact]
    public void A_missing_id_is_generated_as_before_and_never_twice_the_same()
    {
        var validator = new RatingValidator(new IngestOptions(), TimeSpan.FromDays(400));
        var body = RandomRatings.Utf8("[" + string.Join(",", Enumerable.Repeat("""{"scale":"csat5","score":4,"site":"kyiv-podil"}""", 50)) + "]");
        var read = RatingJsonBody.Read(body, validator, Now, Sites.Contains, "terminal");
        Assert.All(read, r => Assert.Matches("^[0-9a-f]{32}$", r.Rating!.Id));
        Assert.Equal(50, read.Select(r => r.Rating!.Id).Distinct().Count());
        Assert.All(read, r => Assert.Equal(("terminal", Now), (r.Rating!.Source, r.Rating.Time)));
    }

    private static (List<ValidRating?>, List<ItemError>) Old(byte[] body, RatingValidator validator)
    {
        var (doc, items) = IngestBody.Read(body, ndjson: false);
        using (doc)
            return Validated(items, validator);
    }

    private static (List<ValidRating?>, List<ItemError>) Validated(List<IngestItem> items, RatingValidator validator)
    {
        var errors = new List<ItemError>();
        return (items.Select(i => i.Rating ?? validator.Validate(i, Now, Sites.Contains, "terminal", errors)).ToList(), errors);
    }

    private static void AssertSame(ValidRating? expected, ValidRating? actual, string body)
    {
        Assert.True((expected is null) == (actual is null), $"{expected} against {actual} in {body}");
        if (expected is null || actual is null)
            return;
        Assert.Equal(expected.Reasons, actual.Reasons);
        if (expected.Id != actual.Id)
        {
            // Both generated: the item had none.
            Assert.Matches("^[0-9a-f]{32}$", expected.Id);
            Assert.Matches("^[0-9a-f]{32}$", actual.Id);
        }
        Assert.Equal(expected with { Id = "", Reasons = [] }, actual with { Id = "", Reasons = [] });
        Assert.Equal(expected.Time.Offset, actual.Time.Offset);
    }

    private static byte[] Replace(byte[] body, int at, byte value)
    {
        var copy = body.ToArray();
        if (copy.Length > 0)
            copy[at] = value;
        return copy;
    }
}
