using System.Text.Json;
using System.Text.RegularExpressions;
using CxMonitor.Web.Data;
using Dapper;

namespace CxMonitor.Web.Capture;

public sealed record Callback(string RatingId, string Contact, DateTimeOffset At);

/// <summary>Contact details a survey customer left with consent, by the rating's id. Nothing is
/// kept without consent; only roles that work alerts read them (<see cref="CallbacksApi"/>).</summary>
public sealed partial class ContactStore(AppStateDb db, TimeProvider clock)
{
    [GeneratedRegex(@"^[^@\s<>]{1,64}@[^@\s<>]+\.[^@\s<>]{2,}$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\+?[0-9 ()./-]{6,24}$")]
    private static partial Regex Phone();

    /// <summary>Null when the text is an e-mail address or a phone number (7 to 15 digits).</summary>
    public static string? Invalid(string? contact)
    {
        if (string.IsNullOrWhiteSpace(contact) || contact.Length > 100)
            return "is required with consent: an e-mail address or a phone number";
        var c = contact.Trim();
        if (Email().IsMatch(c))
            return null;
        var digits = c.Count(char.IsAsciiDigit);
        return Phone().IsMatch(c) && digits is >= 7 and <= 15 ? null : "is neither an e-mail address nor a phone number";
    }

    public async Task SaveAsync(string ratingId, string site, string touchpoint, string contact, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO capture_contacts (rating_id, site, touchpoint, contact, created_at) VALUES (@ratingId, @site, @touchpoint, @contact, @now)
            ON CONFLICT (rating_id) DO NOTHING
            """, new { ratingId, site, touchpoint, contact = contact.Trim(), now = SqliteTime.Format(clock.GetUtcNow()) }, cancellationToken: ct));
    }

    public async Task ForgetAsync(string ratingId, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM capture_contacts WHERE rating_id = @ratingId", new { ratingId }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<Callback>> FindAsync(IReadOnlyCollection<string> ratingIds, CancellationToken ct)
    {
        if (ratingIds.Count == 0)
            return [];
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string RatingId, string Contact, string At)>(new CommandDefinition(
            // The ids travel as one JSON array: Dapper's list expansion for IN is not understood alike by both engines.
            $"SELECT rating_id, contact, created_at FROM capture_contacts WHERE rating_id IN (SELECT value FROM {db.Dialect.JsonTexts("@ids")})",
            new { ids = JsonSerializer.Serialize(ratingIds) }, cancellationToken: ct));
        return rows.Select(r => new Callback(r.RatingId, r.Contact, SqliteTime.Parse(r.At))).ToArray();
    }
}
