using System.Diagnostics;
using System.Text;
using CxMonitor.Web.Ingest;

namespace CxMonitor.Benchmarks;

/// <summary>A JSON body of 1,000 ratings to validated ratings, side by side (issue 19): a
/// <c>JsonDocument</c> and <see cref="RatingValidator.Validate"/> per item, as before, against the
/// one <c>Utf8JsonReader</c> pass of <see cref="RatingJsonBody"/>. Items as the ingest benchmark
/// sends them; rounds alternate old and new; medians of CPU time and of bytes allocated.</summary>
public static class RatingBodyReading
{
    private static readonly string[] Sites = ["london-oxford-st", "berlin-alexanderplatz", "kyiv-khreshchatyk", "warsaw-centrum", "riga-old-town", "new-york-5th-ave"];
    private static readonly string[] Scales = ["csat5", "nps11", "smiley4", "stars5"];

    public static Task<int> RunAsync(string[] args)
    {
        var rounds = Figures.IntOption(args, "--rounds", 7);
        const int bodies = 20, passes = 25;
        var now = DateTimeOffset.UtcNow;
        // The same text as IngestThroughput's Rating(round, i).
        var body = Enumerable.Range(0, bodies).Select(b => Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Range(b * 1000, 1000).Select(i =>
            $$"""{"id":"b1-{{i}}","time":"{{now.AddSeconds(-(i % 3600)):O}}","scale":"{{Scales[i % 4]}}","score":{{(i % 4) + 1}},"site":"{{Sites[i % 6]}}","channel":"in-store","touchpoint":"checkout","customer":"c{{i % 5000}}"}""")) + "]")).ToArray();
        var sites = Sites.ToHashSet();
        var validator = new RatingValidator(new IngestOptions(), TimeSpan.FromDays(400));
        var (oldNs, newNs, oldBytes, newBytes) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round <= rounds; round++)
        {
            var (o, ob) = Time(passes, body, b =>
            {
                var (doc, items) = IngestBody.Read(b, ndjson: false);
                using (doc)
                    return Validate(items, validator, now, sites.Contains);
            });
            var (n, nb) = Time(passes, body, b => Validate(RatingJsonBody.Read(b, validator, now, sites.Contains, "bench"), validator, now, sites.Contains));
            if (round == 0)
                continue; // JIT
            oldNs.Add(o);
            newNs.Add(n);
            oldBytes.Add(ob);
            newBytes.Add(nb);
            Console.WriteLine($"round {round}: JsonDocument + Validate {o,6:N0} ns per rating ({ob:N0} B), one reader pass {n,6:N0} ns ({nb:N0} B)");
        }
        Console.WriteLine($"median of {rounds}: JsonDocument + Validate {Figures.Median(oldNs):N0} ns per rating, {Figures.Median(oldBytes):N0} B allocated; " +
            $"one reader pass {Figures.Median(newNs):N0} ns, {Figures.Median(newBytes):N0} B");
        return Task.FromResult(0);
    }

    private static int Validate(List<IngestItem> items, RatingValidator validator, DateTimeOffset now, Func<string, bool> siteExists)
    {
        var errors = new List<ItemError>();
        var valid = 0;
        foreach (var item in items)
            valid += (item.Rating ?? validator.Validate(item, now, siteExists, "bench", errors)) is null ? 0 : 1;
        return errors.Count == 0 ? valid : throw new InvalidOperationException("the benchmark's items must all be valid: " + errors[0]);
    }

    /// <summary>Thread CPU time (not wall time: the machine is shared) and bytes allocated, per rating.</summary>
    private static (double Ns, double Bytes) Time(int passes, byte[][] bodies, Func<byte[], int> work)
    {
        var sink = 0;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var p = 0; p < passes; p++)
            foreach (var b in bodies)
                sink += work(b);
        var ratings = (double)passes * bodies.Length * 1000;
        if (sink != ratings)
            throw new InvalidOperationException($"{sink} of {ratings} ratings were valid");
        return ((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalNanoseconds / ratings, (GC.GetAllocatedBytesForCurrentThread() - bytes) / ratings);
    }
}
