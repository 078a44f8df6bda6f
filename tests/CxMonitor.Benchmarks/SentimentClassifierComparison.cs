using System.Diagnostics;
using CxMonitor.Core.Tests.Text;
using CxMonitor.Core.Text;
using Microsoft.ML;

namespace CxMonitor.Benchmarks;

/// <summary>Issue 15's question: would an ML.NET classifier read reviews better than the lexicon?
/// Trained on the 607 labelled reviews and judged by 5-fold cross-validation and on the second set
/// (never trained on), text alone and text with the lexicon score as a feature. Decision 0014
/// records the figures and the choice.</summary>
internal static class SentimentClassifierComparison
{
    public static Task<int> RunAsync(string[] args)
    {
        var folder = Figures.StringOption(args, "--samples") ?? Path.Combine(AppContext.BaseDirectory, "Text", "Samples");
        var train = LabelledReviews.Load(folder).Select(Example.Of).ToList();
        var second = LabelledReviews.Load(Path.Combine(folder, "Unseen")).Select(Example.Of).ToList();
        var ml = new MLContext(seed: 15);
        foreach (var (name, withLexicon) in new[] { ("ML.NET, text alone", false), ("ML.NET, text and lexicon score", true) })
        {
            var text = ml.Transforms.Conversion.MapValueToKey("LabelKey", nameof(Example.Label))
                .Append(ml.Transforms.Text.FeaturizeText("TextFeatures", nameof(Example.Text)));
            IEstimator<ITransformer> features = withLexicon
                ? text.Append(ml.Transforms.Concatenate("Features", "TextFeatures", nameof(Example.Lexicon)))
                : text.Append(ml.Transforms.CopyColumns("Features", "TextFeatures"));
            var pipeline = features.Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy("LabelKey", "Features"))
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
            var data = ml.Data.LoadFromEnumerable(train);
            var folds = ml.MulticlassClassification.CrossValidate(data, pipeline, numberOfFolds: 5, labelColumnName: "LabelKey");
            var engine = ml.Model.CreatePredictionEngine<Example, Predicted>(pipeline.Fit(data));
            var perLanguage = second.GroupBy(r => r.Language).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} {(double)g.Count(r => engine.Predict(r).PredictedLabel == r.Label) / g.Count():P1}");
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 100_000; i++)
            {
                var r = train[i % train.Count];
                engine.Predict(withLexicon ? r with { Lexicon = (float)Sentiment.Score(r.Text) } : r);
            }
            Console.WriteLine($"{name}: 5-fold cross-validation on the labelled set {folds.Average(f => f.Metrics.MicroAccuracy):P1}; "
                + $"second set {(double)second.Count(r => engine.Predict(r).PredictedLabel == r.Label) / second.Count:P1} ({string.Join(", ", perLanguage)}); "
                + $"100,000 predictions {clock.Elapsed.TotalSeconds:N1} s");
        }
        Console.WriteLine($"lexicon alone: second set {(double)second.Count(r => Sentiment.Classify(r.Lexicon) == r.Label) / second.Count:P1}");
        return Task.FromResult(0);
    }

    // ML.NET reads public settable properties.
    public sealed record Example
    {
        public string Language { get; set; } = "";
        public string Label { get; set; } = "";
        public string Text { get; set; } = "";
        public float Lexicon { get; set; }

        public static Example Of(LabelledReview r) => new() { Language = r.Language, Label = r.Label, Text = r.Text, Lexicon = (float)Sentiment.Score(r.Text) };
    }

    public sealed class Predicted
    {
        public string PredictedLabel { get; set; } = "";
    }
}
