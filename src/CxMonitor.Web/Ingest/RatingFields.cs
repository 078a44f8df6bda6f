using System.Text.Json;

namespace CxMonitor.Web.Ingest;

/// <summary>A rating item's fields, found in one pass over its properties: a lookup per field
/// scanned the object once for each of the 13 names, and the check for unknown names once more
/// (issues 11, 19: this runs for every rating). A field the item lacks stays <c>default</c>
/// (Undefined); of a name given twice the last counts, as <c>TryGetProperty</c> had it.</summary>
public struct RatingFields
{
    public static readonly string[] Names =
        ["id", "time", "scale", "score", "site", "channel", "touchpoint", "source", "team", "customer", "reasons", "comment", "language"];

    public JsonElement Id, Time, Scale, Score, Site, Channel, Touchpoint, Source, Team, Customer, Reasons, Comment, Language;

    /// <summary>Collects the fields and the names that are not rating fields; an error when a
    /// name cannot be text (what was found up to it is kept).</summary>
    public string? Read(JsonElement item, List<string> unknown)
    {
        foreach (var p in item.EnumerateObject())
        {
            try
            {
                // In the order clients send them most, so most names match early.
                if (p.NameEquals("id"u8)) Id = p.Value;
                else if (p.NameEquals("time"u8)) Time = p.Value;
                else if (p.NameEquals("scale"u8)) Scale = p.Value;
                else if (p.NameEquals("score"u8)) Score = p.Value;
                else if (p.NameEquals("site"u8)) Site = p.Value;
                else if (p.NameEquals("channel"u8)) Channel = p.Value;
                else if (p.NameEquals("touchpoint"u8)) Touchpoint = p.Value;
                else if (p.NameEquals("customer"u8)) Customer = p.Value;
                else if (p.NameEquals("source"u8)) Source = p.Value;
                else if (p.NameEquals("team"u8)) Team = p.Value;
                else if (p.NameEquals("reasons"u8)) Reasons = p.Value;
                else if (p.NameEquals("comment"u8)) Comment = p.Value;
                else if (p.NameEquals("language"u8)) Language = p.Value;
                else unknown.Add(p.Name);
            }
            catch (InvalidOperationException)
            {
                return "a field name " + FieldRules.NotUnicode[5..];
            }
        }
        return null;
    }
}
