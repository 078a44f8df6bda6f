using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using CxMonitor.Web.Access;
using CxMonitor.Web.Feeds.Sources;
using CxMonitor.Web.Feeds.Sources.Csv;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CxMonitor.Web.Feeds;

/// <summary>CSV/TSV review exports, uploaded on the admin page or sent by <c>cxmonitor reviews
/// import</c>. The body is first saved to a temporary file (a slow upload holds no database
/// transaction), then read row by row and stored in batches; every batch stored stays stored
/// if a later one fails, and running the same import again counts nothing twice.</summary>
public static class ReviewImportApi
{
    /// <summary>Our own export format: the fields of POST /api/v1/reviews as columns.</summary>
    public static readonly CsvReviewMapping ReviewsCsv = new()
    {
        Id = "externalId", Time = "time", Stars = "stars", Title = "title", Text = "text", Author = "author", Url = "url", Language = "language", Site = "site",
    };

    private const int BatchSize = 5_000;

    public static async Task<Results<Accepted<FeedIntakeResult>, ProblemHttpResult>> ImportAsync(
        HttpContext context, string? mapping, string? site, string? platform, string? encoding, FeedIntake intake, IOptions<FeedsOptions> options, CancellationToken ct)
    {
        if (Mapping(mapping, options.Value) is not { } m)
            return Problem(400, $"'mapping' must name a CSV mapping: reviews-csv, {string.Join(", ", CsvPresets().Append("(Feeds:CsvMappings)"))}; got '{mapping}'.");
        platform = string.IsNullOrWhiteSpace(platform) ? FeedFormat.PlatformOf(mapping) : platform.Trim();
        if (platform is null)
            return Problem(400, "'platform' is required for this mapping (the platform the reviews come from, e.g. 'tripadvisor').");
        if (m.Site is null && string.IsNullOrWhiteSpace(site))
            return Problem(400, "'site' is required: this mapping has no site column.");
        Func<string, bool>? mayWrite = context.User.IsInRole(Access.People.UserRoles.Admin) ? null : s => ApiKeyClaims.CanWriteSite(context.User, s);

        var file = Path.Combine(Path.GetTempPath(), $"cxmonitor-import-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var saved = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                await context.Request.Body.CopyToAsync(saved, ct);
            await using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var textEncoding = await EncodingOfAsync(input, encoding, context.Request.ContentType, ct);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            // Two stages on the two cores: reading and checking the next batch while the last is stored.
            var batches = Channel.CreateBounded<(PreparedReviews Batch, List<FeedItemError> ReadErrors, int ReadRejected)>(2);
            var reading = Task.Run(() => ReadAsync(input, m, textEncoding, platform, site, mayWrite, intake, batches.Writer, stop.Token), stop.Token);
            var total = FeedIntakeResult.None;
            var readErrors = new List<FeedItemError>();
            try
            {
                await foreach (var (batch, errors, rejected) in batches.Reader.ReadAllAsync(stop.Token))
                {
                    readErrors.AddRange(errors.Take(FeedIntake.MaxReportedErrors - readErrors.Count));
                    total += await intake.StoreAsync(batch, stop.Token);
                    total = total with { Seen = total.Seen + rejected, RejectedCount = total.RejectedCount + rejected };
                    if (total.Full is not null)
                        break;
                }
            }
            finally
            {
                await stop.CancelAsync();
                await reading.ContinueWith(_ => { }, TaskScheduler.Default); // its outcome is the channel's
            }
            if (total.Full is not null)
                return Problem(503, $"{total.Full} Stored so far: {total.New} new, {total.Updated} updated; import the file again later (nothing counts twice).");
            total = total with { Rejected = [.. readErrors, .. total.Rejected.Take(FeedIntake.MaxReportedErrors - readErrors.Count)] };
            return TypedResults.Accepted((string?)null, total);
        }
        catch (FeedFormatException ex)
        {
            return Problem(400, ex.Message);
        }
        catch (DecoderFallbackException ex)
        {
            // The start of the file was valid UTF-8, a later part is not: batches before it are stored.
            return Problem(400, $"The file is not valid UTF-8 further on (the bytes {Hex(ex.BytesUnknown)} start no UTF-8 character); "
                + "rows before them were stored. Import the file again with its encoding named (encoding=windows-1251, `--encoding windows-1251`): nothing counts twice.");
        }
        finally
        {
            File.Delete(file);
        }
    }

    // An import names its encoding (encoding=, or a charset in Content-Type); else its first 64 KB decide.
    private static async Task<Encoding> EncodingOfAsync(FileStream input, string? named, string? contentType, CancellationToken ct)
    {
        var declared = named is { Length: > 0 } ? named
            : MediaTypeHeaderValue.TryParse(contentType, out var type) && type.CharSet is { Length: > 0 } charset ? charset : null;
        var sample = new byte[Math.Min(input.Length, 64 * 1024)];
        await input.ReadExactlyAsync(sample, ct);
        input.Position = 0;
        var setting = "the 'encoding' parameter (--encoding)";
        var encoding = SourceEncoding.Of(sample, declared, setting, whole: sample.Length == input.Length);
        // UTF-8 judged from the start of the file: invalid bytes later on are refused, not replaced.
        return encoding is UTF8Encoding && declared is null ? new UTF8Encoding(false, throwOnInvalidBytes: true) : encoding;
    }

    private static string Hex(byte[]? bytes) => bytes is null ? "?" : string.Join(' ', bytes.Select(b => $"0x{b:X2}"));

    private static async Task ReadAsync(Stream input, CsvReviewMapping m, Encoding encoding, string platform, string? site, Func<string, bool>? mayWrite, FeedIntake intake,
        ChannelWriter<(PreparedReviews, List<FeedItemError>, int)> output, CancellationToken ct)
    {
        try
        {
            var batch = new List<FeedReview>(BatchSize);
            var errors = new List<FeedItemError>();
            var rejected = 0;
            var offset = 0;
            foreach (var row in CsvReviewReader.Read(input, m, encoding))
            {
                if (row.Review is { } review)
                    batch.Add(review);
                else if (++rejected <= FeedIntake.MaxReportedErrors)
                    errors.Add(row.Error!);
                if (batch.Count + rejected < BatchSize)
                    continue;
                await output.WriteAsync((intake.Prepare(batch, platform, site, mayWrite, offset), errors, rejected), ct);
                offset += batch.Count + rejected;
                (batch, errors, rejected) = (new List<FeedReview>(BatchSize), [], 0);
            }
            await output.WriteAsync((intake.Prepare(batch, platform, site, mayWrite, offset), errors, rejected), ct);
            output.Complete();
        }
        catch (Exception ex)
        {
            output.Complete(ex);
        }
    }

    private static CsvReviewMapping? Mapping(string? name, FeedsOptions o) =>
        name is null ? null
        : name == "reviews-csv" ? ReviewsCsv
        : o.CsvMappings.TryGetValue(name, out var own) ? own
        : FeedPresets.TryGet(name, out var preset) && preset?.Csv is { } csv ? csv : null;

    private static IEnumerable<string> CsvPresets() => FeedPresets.Names.Where(n => FeedPresets.Get(n).Kind == FeedSourceKind.Csv);

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);
}
