using CxMonitor.Benchmarks;

// Scenarios are run by hand: dotnet run -c Release --project tests/CxMonitor.Benchmarks -- NAME [options]
var scenarios = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["influx-writer"] = InfluxWriterThroughput.RunAsync,
    ["ingest"] = IngestThroughput.RunAsync,
    ["ingest-single"] = SingleRatingThroughput.RunAsync,
    // Started by ingest-single --floor, not by hand.
    ["floor-server"] = FloorServer.RunAsync,
    ["live"] = LiveThroughput.RunAsync,
    ["live-nodes"] = LiveAcrossNodes.RunAsync,
    ["rolling"] = RollingJobDuration.RunAsync,
    ["sharing"] = SharingCost.RunAsync,
    ["alerts"] = AlertLatency.RunAsync,
    ["jobs"] = JobScheduling.RunAsync,
    ["soak-wall"] = WallSoak.RunAsync,
    ["reviews-import"] = ReviewImportThroughput.RunAsync,
    ["alert-precision"] = CxMonitor.Benchmarks.Precision.AlertPrecision.RunAsync,
    ["sentiment"] = SentimentAccuracy.RunAsync,
    ["sentiment-ml"] = SentimentClassifierComparison.RunAsync,
    ["capture"] = CaptureLoad.RunAsync,
    ["ledger-tables"] = LedgerTables.RunAsync,
    ["rating-fields"] = RatingFieldLookups.RunAsync,
    ["rating-events"] = RatingEventCost.RunAsync,
    ["rating-body"] = RatingBodyReading.RunAsync,
    ["reload"] = ReloadCost.RunAsync,
};

if (args.Length == 0 || !scenarios.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/CxMonitor.Benchmarks -- <scenario> [options]");
    Console.Error.WriteLine("scenarios: " + string.Join(", ", scenarios.Keys));
    return 2;
}
return await run(args[1..]);
