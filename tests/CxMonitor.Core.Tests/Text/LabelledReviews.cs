using CxMonitor.Core.Text;

namespace CxMonitor.Core.Tests.Text;

/// <summary>One review of the labelled evaluation set (Samples/*.tsv): language, stars, the
/// sentiment a reader gives it, the style it imitates (app store, maps listing, review site).</summary>
public sealed record LabelledReview(string Language, int Stars, string Label, string Style, string Text);

/// <summary>The labelled set and how a scorer fares on it: accuracy and a confusion matrix per
/// language. Shared by the test that holds the floor and the benchmark that prints the figures.</summary>
public static class LabelledReviews
{
    public static readonly string[] Classes = ["positive", "neutral", "negative"];

    public static IReadOnlyList<LabelledReview> Load(string folder)
    {
        var reviews = new List<LabelledReview>();
        foreach (var file in Directory.GetFiles(folder, "*.tsv").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file);
            for (var n = 1; n < lines.Length; n++)
            {
                if (lines[n].Length == 0)
                    continue;
                var f = lines[n].Split('\t');
                if (f.Length != 5 || !int.TryParse(f[1], out var stars) || Array.IndexOf(Classes, f[2]) < 0)
                    throw new FormatException($"{Path.GetFileName(file)} line {n + 1}: expected lang, stars, label, style, text");
                reviews.Add(new LabelledReview(f[0], stars, f[2], f[3], f[4]));
            }
        }
        return reviews;
    }

    public static string SamplesFolder => Path.Combine(AppContext.BaseDirectory, "Text", "Samples");

    /// <summary>Counts by [actual, predicted] class, in the order of <see cref="Classes"/>.</summary>
    public static int[,] Confusion(IEnumerable<LabelledReview> reviews, Func<string, string> classify)
    {
        var matrix = new int[Classes.Length, Classes.Length];
        foreach (var r in reviews)
            matrix[Array.IndexOf(Classes, r.Label), Array.IndexOf(Classes, classify(r.Text))]++;
        return matrix;
    }

    public static double Accuracy(int[,] matrix)
    {
        int right = 0, all = 0;
        for (var a = 0; a < Classes.Length; a++)
        {
            for (var p = 0; p < Classes.Length; p++)
            {
                all += matrix[a, p];
                if (a == p)
                    right += matrix[a, p];
            }
        }
        return all == 0 ? 0 : (double)right / all;
    }

    public static string Format(int[,] matrix)
    {
        var lines = new List<string> { $"{"actual \\ scored",-16}{string.Concat(Classes.Select(c => $"{c,10}"))}" };
        for (var a = 0; a < Classes.Length; a++)
            lines.Add($"{Classes[a],-16}{string.Concat(Enumerable.Range(0, Classes.Length).Select(p => $"{matrix[a, p],10}"))}");
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The lexicon scorer as a three-class classifier.</summary>
    public static string Lexicon(string text) => Sentiment.Classify(Sentiment.Score(text));
}
