using System.Buffers;
using System.Buffers.Text;
using System.Text;
using CxMonitor.Core.Ratings;
using CxMonitor.Web.Ingest.Ids;

namespace CxMonitor.Web.Ingest;

/// <summary>Writes rating points as UTF-8 line protocol straight into pooled memory: the bytes the
/// spool stores, with no string, StringBuilder or large array per request (profiled: those were
/// the app's large-object allocations and so its full garbage collections, issue 19). The format
/// and its rules stay with <see cref="RatingPoints"/>; this writes the same bytes, and falls back
/// to it for any value that needs more than plain copying.</summary>
public sealed class RatingLines : IDisposable
{
    // Characters that make a tag value or a string field more than a plain copy: escaped, or
    // refused by LineProtocol (line breaks, backslashes).
    private static readonly SearchValues<char> TagSpecial = SearchValues.Create(",= \\\n\r");
    private static readonly SearchValues<char> TextSpecial = SearchValues.Create("\"\\");
    private static readonly byte[] Measurement = Encoding.UTF8.GetBytes(RatingPoints.Measurement);
    private static readonly byte[][][] Numbers = RatingScales.All.Select(NumbersOf).ToArray();

    private byte[] _buffer;
    private int _length;

    public RatingLines(int expectedLines = 16)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(256, expectedLines * 256));
    }

    /// <summary>The lines written so far, separated by <c>\n</c>; valid until disposed.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public int Count { get; private set; }

    /// <summary>The series key's hash as the ledger knows it: <see cref="StableHash.Of(ReadOnlySpan{char})"/>
    /// of <see cref="RatingPoints.SeriesKey"/>, without building that string.</summary>
    public ulong SeriesHash(ValidRating r)
    {
        // Tag values that are written as they are (the common case: slugs) are hashed straight
        // from their characters, as StableHash hashes the key's UTF-16 text: writing the key's
        // bytes only to hash them was half of this method's cost (issue 19).
        if (Plain(r.Channel) && Plain(r.Site) && Plain(r.Source) && Plain(r.Team) && Plain(r.Touchpoint))
        {
            var h = StableHash.Continue(StableHash.Empty, RatingPoints.Measurement);
            h = Tag(h, ",channel=", r.Channel);
            h = Tag(h, ",scale=", RatingScales.Code(r.Scale));
            h = Tag(h, ",site=", r.Site);
            h = Tag(h, ",source=", r.Source);
            h = Tag(h, ",team=", r.Team);
            return Tag(h, ",touchpoint=", r.Touchpoint);
        }
        // Written past the lines and cut off again.
        var start = _length;
        WriteSeriesKey(r);
        var key = _buffer.AsSpan(start, _length - start);
        // For ASCII the UTF-8 bytes are the UTF-16 code units, so FNV over either agrees.
        var hash = Ascii.IsValid(key) ? StableHash.ContinueAscii(StableHash.Empty, key) : StableHash.Of(Encoding.UTF8.GetString(key));
        _length = start;
        return hash;
    }

    /// <summary>One line, exactly as <see cref="RatingPoints.Append"/> writes it.</summary>
    public void Append(ValidRating r, long timestampNs)
    {
        if (Count++ > 0)
            Byte((byte)'\n');
        WriteSeriesKey(r);
        Bytes(NumbersFor(r));
        Text("id"u8, r.Id);
        Text("customer"u8, r.Customer);
        if (r.Reasons.Count > 0)
            Text("reasons"u8, string.Join(',', r.Reasons));
        Text("comment"u8, r.Comment);
        Text("language"u8, r.Language);
        Byte((byte)' ');
        Ensure(20);
        Utf8Formatter.TryFormat(timestampNs, _buffer.AsSpan(_length), out var written);
        _length += written;
    }

    /// <summary>Starts over in the same memory.</summary>
    public void Clear()
    {
        _length = 0;
        Count = 0;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(buffer);
    }

    private static ulong Tag(ulong h, string prefix, string? value) =>
        value is null ? h : StableHash.Continue(StableHash.Continue(h, prefix), value);

    /// <summary>A tag value that goes into the line as it is: no escape and no refusal.</summary>
    private static bool Plain(string? value) => value is null || (value.Length > 0 && value.AsSpan().IndexOfAny(TagSpecial) < 0);

    private void WriteSeriesKey(ValidRating r)
    {
        Bytes(Measurement);
        Tag("channel"u8, r.Channel);
        Tag("scale"u8, RatingScales.Code(r.Scale));
        Tag("site"u8, r.Site);
        Tag("source"u8, r.Source);
        Tag("team"u8, r.Team);
        Tag("touchpoint"u8, r.Touchpoint);
    }

    /// <summary>" score=…,norm=…,…": the numeric fields depend on scale and score alone, so they
    /// are encoded once per pair, by <see cref="RatingPoints.Numbers"/>.</summary>
    private static byte[] NumbersFor(ValidRating r)
    {
        var (min, _) = RatingScales.Range(r.Scale);
        var cached = Numbers[(int)r.Scale];
        var i = r.Score - min;
        if ((uint)i < (uint)cached.Length && r.Class == RatingScales.Classify(r.Scale, r.Score))
            return cached[i];
        return Encode(r); // a classification of its own: encode it as it is
    }

    private static byte[][] NumbersOf(RatingScale scale)
    {
        var (min, max) = RatingScales.Range(scale);
        return Enumerable.Range(min, max - min + 1).Select(score =>
            Encode(new ValidRating("", default, scale, score, RatingScales.Classify(scale, score), "", null, null, "", null, null, [], null, null))).ToArray();
    }

    private static byte[] Encode(ValidRating r)
    {
        var sb = new StringBuilder(128);
        RatingPoints.AppendNumbers(sb, r);
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private void Tag(ReadOnlySpan<byte> key, string? value)
    {
        if (value is null)
            return;
        Byte((byte)',');
        Bytes(key);
        Byte((byte)'=');
        if (value.Length == 0 || value.AsSpan().IndexOfAny(TagSpecial) >= 0)
        {
            // Escaping, or LineProtocol's refusal of what line protocol cannot carry.
            var sb = new StringBuilder(value.Length + 8);
            Influx.Write.LineProtocol.AppendTagValue(sb, Encoding.UTF8.GetString(key), value);
            Chars(sb.ToString());
            return;
        }
        Chars(value);
    }

    private void Text(ReadOnlySpan<byte> key, string? value)
    {
        if (value is null)
            return;
        Byte((byte)',');
        Bytes(key);
        Byte((byte)'=');
        if (value.AsSpan().IndexOfAny(TextSpecial) >= 0)
        {
            var sb = new StringBuilder(value.Length + 8);
            Influx.Write.LineProtocol.AppendStringField(sb, value);
            Chars(sb.ToString());
            return;
        }
        Byte((byte)'"');
        Chars(value);
        Byte((byte)'"');
    }

    private void Chars(string value)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(value.Length));
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Byte(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length)
            return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        if (_buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
