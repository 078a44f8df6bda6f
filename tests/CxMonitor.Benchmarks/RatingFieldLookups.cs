using System.Diagnostics;
using System.Text.Json;
using CxMonitor.Web.Ingest;

namespace CxMonitor.Benchmarks;

/// <summary>Finding a rating's fields, side by side (issues 11, 19): a lookup by name per field
/// plus a pass for unknown names, as the validator did, against <see cref="RatingFields"/>'s one
/// pass; then the whole <see cref="RatingValidator"/> for scale. Items as the ingest benchmark
/// sends them (8 fields), alternating rounds, medians.</summary>
public static class RatingFieldLookups
{
    private static readonly byte[][] KnownNames = RatingFields.Names.Select(System.Text.Encoding.UTF8.GetBytes).ToArray();

    public static Task<int> RunAsync(string[] args)
    {
        var rounds = Figures.IntOption(args, "--rounds", 5);
        const int items = 1000, passes = 500;
        var now = DateTimeOffset.UtcNow;
        using var doc = JsonDocument.Parse("[" + string.Join(',', Enumerable.Range(0, items).Select(i =>
            $$"""{"id":"b1-{{i}}","time":"{{now.AddSeconds(-(i % 3600)):O}}","scale":"csat5","score":{{(i % 4) + 1}},"site":"riga-old-town","channel":"in-store","touchpoint":"checkout","customer":"c{{i % 5000}}"}""")) + "]");
        var elements = doc.RootElement.EnumerateArray().ToArray();
        var validator = new RatingValidator(new IngestOptions(), TimeSpan.FromDays(400));
        var (lookups, onePass, validate) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round <= rounds; round++)
        {
            var l = Time(passes, elements, ByName);
            var o = Time(passes, elements, OnePass);
            var v = Time(passes / 5, elements, e =>
            {
                var errors = new List<ItemError>();
                return validator.Validate(new IngestItem(0, e, null), now, _ => true, "bench", errors) is null ? 1 : 0;
            });
            if (round == 0)
                continue; // JIT
            lookups.Add(l);
            onePass.Add(o);
            validate.Add(v);
            Console.WriteLine($"round {round}: a lookup per field {l,5:N0} ns per rating, one pass {o,5:N0} ns; whole validation {v,5:N0} ns");
        }
        Console.WriteLine($"median: a lookup per field {Figures.Median(lookups):N0} ns per rating, one pass {Figures.Median(onePass):N0} ns; " +
            $"the whole validation (one pass) {Figures.Median(validate):N0} ns per rating");
        return Task.FromResult(0);
    }

    private static int ByName(JsonElement e)
    {
        var unknown = new List<string>();
        var found = FieldRules.UnknownFields(e, KnownNames, unknown) is null ? 0 : 1;
        foreach (var name in RatingFields.Names)
            found += (int)FieldRules.Field(e, name).ValueKind;
        return found;
    }

    private static int OnePass(JsonElement e)
    {
        var unknown = new List<string>(0);
        var f = default(RatingFields);
        return (f.Read(e, unknown) is null ? 0 : 1) + (int)f.Id.ValueKind + (int)f.Customer.ValueKind;
    }

    private static double Time(int passes, JsonElement[] elements, Func<JsonElement, int> work)
    {
        var sink = 0;
        var watch = Stopwatch.StartNew();
        for (var p = 0; p < passes; p++)
            foreach (var e in elements)
                sink += work(e);
        var ns = watch.Elapsed.TotalNanoseconds / ((double)passes * elements.Length);
        return sink == int.MinValue ? 0 : ns;
    }
}
