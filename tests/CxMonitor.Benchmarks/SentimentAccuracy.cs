using System.Diagnostics;
using CxMonitor.Core.Tests.Text;
using CxMonitor.Core.Text;

namespace CxMonitor.Benchmarks;

/// <summary>Issue 15's figure: the sentiment score as a three-class reader of the labelled
/// reviews (tests/CxMonitor.Core.Tests/Text/Samples), accuracy and confusion matrix per
/// language, the one-star complaints scored positive (target: none), the texts it gets wrong
/// (--wrong), and the scoring speed on a million texts.</summary>
internal static class SentimentAccuracy
{
    public static Task<int> RunAsync(string[] args)
    {
        var folder = Figures.StringOption(args, "--samples") ?? Path.Combine(AppContext.BaseDirectory, "Text", "Samples");
        var failed = Report("labelled set (the lexicon was tuned on it)", LabelledReviews.Load(folder), args);
        Console.WriteLine();
        failed |= Report("second set (Samples/Unseen, written after the first tuning; decision 0014 says what it still proves)", LabelledReviews.Load(Path.Combine(folder, "Unseen")), args, floor: 0.75);
        var reviews = LabelledReviews.Load(folder);
        var texts = reviews.Select(r => r.Text).ToArray();
        var count = Figures.IntOption(args, "--texts", 1_000_000);
        var clock = Stopwatch.StartNew();
        double sink = 0;
        for (var i = 0; i < count; i++)
            sink += Sentiment.Score(TextTokens.WordsAndClauseBreaks(texts[i % texts.Length]).ToArray());
        Console.WriteLine($"scoring {count:N0} texts (split and scored): {clock.Elapsed.TotalSeconds:N2} s (checksum {sink:N1})");
        return Task.FromResult(failed ? 1 : 0);
    }

    private static bool Report(string title, IReadOnlyList<LabelledReview> reviews, string[] args, double floor = 0.85)
    {
        Console.WriteLine($"== {title}");
        var failed = false;
        foreach (var group in reviews.GroupBy(r => r.Language).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var matrix = LabelledReviews.Confusion(group, LabelledReviews.Lexicon);
            var accuracy = LabelledReviews.Accuracy(matrix);
            failed |= accuracy < floor;
            Console.WriteLine($"{group.Key}: {group.Count()} reviews, accuracy {accuracy:P1}");
            Console.WriteLine(LabelledReviews.Format(matrix));
            if (args.Contains("--wrong"))
            {
                foreach (var r in group.Where(r => LabelledReviews.Lexicon(r.Text) != r.Label))
                    Console.WriteLine($"  {r.Label,-9}{Sentiment.Score(r.Text),7:+0.000;-0.000}  {r.Text}");
            }
        }
        var all = LabelledReviews.Confusion(reviews, LabelledReviews.Lexicon);
        Console.WriteLine($"all: {reviews.Count} reviews, accuracy {LabelledReviews.Accuracy(all):P1}");
        var positiveComplaints = reviews.Where(r => r.Stars == 1 && r.Label == "negative" && Sentiment.Score(r.Text) > 0).ToList();
        Console.WriteLine($"one-star complaints scored positive: {positiveComplaints.Count}");
        foreach (var r in positiveComplaints)
            Console.WriteLine($"  {Sentiment.Score(r.Text):+0.000}  {r.Text}");
        return failed || positiveComplaints.Count > 0;
    }
}
