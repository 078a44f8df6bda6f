using System.Text;

namespace CxMonitor.Web.Ingest;

/// <summary>The text of slugs met lately, found by their UTF-8 bytes (issue 19). A batch names a
/// few sites and touchpoints thousands of times; each was checked as UTF-8, decoded into a new
/// string and checked against the slug rule again and again. A hit returns the string made the
/// first time, which passed those rules then.</summary>
/// <remarks>Direct-mapped and lossy: a slot holds the last slug that hashed to it, so a miss only
/// costs what every slug cost before. Entries are immutable and swapped whole, so readers on other
/// threads see an old entry or a new one, never half of one, and need no lock.</remarks>
internal sealed class SlugTexts
{
    private const int Slots = 1024;
    private readonly Entry?[] _slots = new Entry?[Slots];

    /// <summary>The slug's text, or false when the bytes are not a slug (not UTF-8, too long, or
    /// outside the slug rule): <see cref="FieldRules.SlugText"/> owns the rule.</summary>
    public bool TryGet(ReadOnlySpan<byte> utf8, out string? text)
    {
        text = null;
        if (utf8.Length is 0 or > FieldRules.SlugLength)
            return false;
        var slot = (int)((uint)Hash(utf8) % Slots);
        if (_slots[slot] is { } entry && utf8.SequenceEqual(entry.Utf8))
        {
            text = entry.Text;
            return true;
        }
        // A slug is ASCII, so any byte past 0x7F already fails it; decoding as ASCII refuses those.
        if (!Ascii.IsValid(utf8))
            return false;
        var decoded = Encoding.ASCII.GetString(utf8);
        if (FieldRules.SlugText(decoded) is not null)
            return false;
        _slots[slot] = new Entry(utf8.ToArray(), decoded);
        text = decoded;
        return true;
    }

    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        return hash.ToHashCode();
    }

    private sealed record Entry(byte[] Utf8, string Text);
}
