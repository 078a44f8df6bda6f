using CxMonitor.Core.Alerts;
using CxMonitor.Web.Alerts.Store;

namespace CxMonitor.Web.Alerts;

/// <summary>What people do to an alert, each recorded with who and when.</summary>
public sealed partial class AlertService
{
    public enum Outcome
    {
        Done,
        NotFound,
        NotOpen,

        /// <summary>Other nodes changed the alert at each of our attempts: the person may try again.</summary>
        Busy,
    }

    public Task<Outcome> AcknowledgeAsync(long id, string who, CancellationToken ct) =>
        ActAsync(id, who, ct, async (open, now) =>
        {
            if (open.State != AlertState.Firing)
                return Outcome.NotOpen;
            var change = AlertStateMachine.Acknowledge(open, now);
            await ApplyPersonAsync(change with { Alert = change.Alert with { NoticeSequence = open.NoticeSequence + 1 } }, who, "acknowledged", null, now, ct);
            return Outcome.Done;
        });

    public Task<Outcome> ResolveAsync(long id, string who, string? note, CancellationToken ct) =>
        ActAsync(id, who, ct, async (open, now) =>
        {
            var change = AlertStateMachine.Resolve(open, now, note ?? $"resolved by {who}");
            await ApplyPersonAsync(change, who, "resolved", note, now, ct);
            return Outcome.Done;
        });

    public Task<Outcome> AssignAsync(long id, string who, string assignee, CancellationToken ct) =>
        ActAsync(id, who, ct, async (_, now) =>
        {
            await store.SetAsync(id, now, who, "assigned", assignee, ct, ("assigned_to", assignee));
            await PushAsync(id, "assigned", ct);
            return Outcome.Done;
        });

    /// <summary>Comments and feedback are allowed on resolved alerts too.</summary>
    public async Task<Outcome> CommentAsync(long id, string who, string text, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is null)
            return Outcome.NotFound;
        await store.AddHistoryAsync(id, clock.GetUtcNow(), who, "comment", text, ct);
        await PushAsync(id, "comment", ct);
        return Outcome.Done;
    }

    public async Task<Outcome> FeedbackAsync(long id, string who, string verdict, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is null)
            return Outcome.NotFound;
        await store.SetAsync(id, clock.GetUtcNow(), who, "marked " + verdict, null, ct, ("feedback", verdict), ("feedback_by", who));
        await PushAsync(id, "feedback", ct);
        return Outcome.Done;
    }

    private async Task<Outcome> ActAsync(long id, string who, CancellationToken ct, Func<AlertInstance, DateTimeOffset, Task<Outcome>> act)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await CatchUpAsync(ct);
            for (var attempt = 1; ; attempt++)
            {
                var open = _evaluator.Find(id);
                if (open is null)
                    return await store.GetAsync(id, ct) is null ? Outcome.NotFound : Outcome.NotOpen;
                if (!open.IsOpen || open.State == AlertState.Pending)
                    return Outcome.NotOpen;
                try
                {
                    return await act(open, clock.GetUtcNow());
                }
                catch (AlertWriteConflict)
                {
                    if (attempt == Attempts)
                        return Outcome.Busy;
                    // A tick or a person on another node changed it meanwhile: decide again on what is stored.
                    await CatchUpAsync(ct, conflict: true);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stamped with <paramref name="now"/>, when the person acted, never with the alert's
    /// last match: a 3-second acknowledgement must read as 3 seconds.</summary>
    private async Task ApplyPersonAsync(AlertChange change, string who, string action, string? note, DateTimeOffset now, CancellationToken ct)
    {
        var rule = _evaluator.Rules.FirstOrDefault(r => r.Name == change.Alert.Rule);
        var saved = await store.SaveAsync(change with { Notice = null, Reason = action }, rule, who, now, ct,
            (action == "acknowledged" ? "acknowledged_by" : "resolved_by", who));
        if (note is not null)
            await store.AddHistoryAsync(saved.Id, now, who, "note", note, ct);
        _evaluator.Update(saved);
        await notices.SendAsync(saved, rule, action == "acknowledged" ? "acknowledged" : "resolved", $"{action} by {who}", ct);
        await PushAsync(saved.Id, action, ct);
    }
}
