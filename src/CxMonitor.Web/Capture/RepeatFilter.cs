using System.Collections.Concurrent;

namespace CxMonitor.Web.Capture;

/// <summary>The misuse filter: presses of the same button on one terminal within its window of
/// the press before count once, the rest are set aside and counted as repeats (as the leading
/// terminals do against a child drumming on a button). A press is compared with the previous
/// press, so drumming for a minute still counts once. Answers remember their verdict by id, so a
/// resend (a lost response, a queue sent again) gets the same verdict and the collector's ledger
/// decides whether it is new. Held in memory per node: after a restart, or on another node, the
/// first press starts afresh.</summary>
public sealed class RepeatFilter
{
    private const int Remembered = 256;
    private readonly ConcurrentDictionary<string, TerminalPresses> _terminals = new(StringComparer.Ordinal);

    /// <summary>Whether the answer is a repeat; <paramref name="isNew"/> is false for a resend of an answer already judged.</summary>
    public bool IsRepeat(string terminalId, TimeSpan window, string answerId, int score, DateTimeOffset time, out bool isNew)
    {
        var presses = _terminals.GetOrAdd(terminalId, _ => new TerminalPresses());
        lock (presses)
        {
            if (presses.Verdicts.TryGetValue(answerId, out var known))
            {
                isNew = false;
                return known;
            }
            isNew = true;
            var repeat = window > TimeSpan.Zero && presses.LastScore == score && (time - presses.LastTime).Duration() < window;
            presses.LastScore = score;
            presses.LastTime = time;
            presses.Verdicts[answerId] = repeat;
            presses.Order.Enqueue(answerId);
            if (presses.Order.Count > Remembered)
                presses.Verdicts.Remove(presses.Order.Dequeue());
            return repeat;
        }
    }

    private sealed class TerminalPresses
    {
        public int? LastScore { get; set; }

        public DateTimeOffset LastTime { get; set; }

        public Dictionary<string, bool> Verdicts { get; } = new(StringComparer.Ordinal);

        public Queue<string> Order { get; } = new();
    }
}
