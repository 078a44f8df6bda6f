namespace CxMonitor.Simulator.Sending;

/// <summary>What became of one batch after any retries.</summary>
/// <param name="Acknowledged">The server answered 2xx (or a 400 that rejected the whole batch): resending would not help.</param>
/// <param name="Error">Why the batch was not fully accepted, for the status line.</param>
internal sealed record BatchOutcome(int Count, bool Acknowledged, int Accepted, int Duplicates, int Rejected, string? Error)
{
    public static BatchOutcome Failed(int count, string error) => new(count, false, 0, 0, 0, error);
}

/// <summary>The server refused our API key (401/403): nothing later will succeed either.</summary>
internal sealed class AccessDeniedException(string message) : Exception(message);

/// <summary>Posts one serialised batch and reports what the server made of it.</summary>
internal interface IBatchSender
{
    Task<BatchOutcome> SendAsync(string path, byte[] body, int count, CancellationToken cancellationToken);
}

/// <summary>--dry-run: everything but the network, so generation and serialisation can be measured alone.</summary>
internal sealed class DryRunSender : IBatchSender
{
    public Task<BatchOutcome> SendAsync(string path, byte[] body, int count, CancellationToken cancellationToken) =>
        Task.FromResult(new BatchOutcome(count, true, count, 0, 0, null));
}
