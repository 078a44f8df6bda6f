namespace CxMonitor.Web.Ingest;

/// <summary>Tells in-process listeners (live push, event rules) about items the moment they
/// are durable. Handlers run on the request's thread: they must be quick and must not throw.</summary>
public sealed class IngestEvents(ILogger<IngestEvents> logger)
{
    public event Action<IReadOnlyList<ValidRating>>? RatingsAccepted;

    public event Action<IReadOnlyList<ValidReview>>? ReviewsAccepted;

    public void Accepted(IReadOnlyList<ValidRating> ratings) => Raise(RatingsAccepted, ratings);

    public void Accepted(IReadOnlyList<ValidReview> reviews) => Raise(ReviewsAccepted, reviews);

    private void Raise<T>(Action<IReadOnlyList<T>>? handlers, IReadOnlyList<T> items)
    {
        if (handlers is null || items.Count == 0)
            return;
        // Through the delegate's own list, without the array GetInvocationList copies per call:
        // this runs once per request (issue 19).
        foreach (var handler in Delegate.EnumerateInvocationList(handlers))
        {
            try
            {
                handler(items);
            }
            catch (Exception ex)
            {
                // The items are already acknowledged; a listener's bug must not turn that into an error.
                logger.LogError(ex, "An ingest listener failed");
            }
        }
    }
}
