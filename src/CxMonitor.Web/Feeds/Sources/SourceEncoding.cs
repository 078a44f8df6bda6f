using System.Buffers;
using System.Text;
using System.Text.Unicode;
using UtfUnknown;

namespace CxMonitor.Web.Feeds.Sources;

/// <summary>The character encoding of a feed document or an import: the one it declares (a
/// charset, an XML declaration, an import's <c>encoding</c>), else a byte-order mark, else UTF-16
/// told by its NUL bytes, else UTF-8 if the bytes are valid UTF-8, else what the bytes look like
/// (UTF.Unknown, when it is sure enough). Otherwise it is refused with a message that names the
/// problem: stored mojibake ("������") is worse than a refusal.</summary>
public static class SourceEncoding
{
    private const float MinConfidence = 0.5f;

    static SourceEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding of a name ("windows-1251", "cp1251", "utf-16le", "koi8-r").</summary>
    /// <exception cref="FeedFormatException">The name is no encoding this server knows.</exception>
    public static Encoding Named(string name, string setting)
    {
        var trimmed = name.Trim().Trim('"');
        if (trimmed.StartsWith("cp", StringComparison.OrdinalIgnoreCase) && int.TryParse(trimmed[2..], out var page))
            trimmed = "windows-" + page;
        try
        {
            return Encoding.GetEncoding(trimmed);
        }
        catch (ArgumentException)
        {
            throw new FeedFormatException($"{setting}: '{name}' is not an encoding this server knows (e.g. utf-8, windows-1251, koi8-r, utf-16le).");
        }
    }

    /// <summary>The encoding of bytes that begin with <paramref name="sample"/> (the whole document,
    /// or the start of a large file).</summary>
    /// <param name="declared">A declared charset or encoding name; null when nothing was declared.</param>
    /// <param name="whole">The sample is the whole document (a cut multi-byte character at its end is an error).</param>
    public static Encoding Of(ReadOnlySpan<byte> sample, string? declared, string setting, bool whole)
    {
        if (declared is { Length: > 0 })
            return Named(declared, setting);
        if (Bom(sample) is { } withBom)
            return withBom;
        // Before UTF-8: Latin text in UTF-16 is valid UTF-8 too, with a NUL after every letter.
        if (Utf16WithoutBom(sample) is { } utf16 && Plausible(utf16, sample))
            return utf16;
        if (IsUtf8(sample, whole))
            return new UTF8Encoding(false);
        var detected = CharsetDetector.DetectFromBytes(sample.ToArray()).Detected;
        if (detected is { Encoding: { } encoding, Confidence: >= MinConfidence } && Plausible(Likelier(encoding), sample))
            return Likelier(encoding);
        throw new FeedFormatException(
            $"The text is not UTF-8 (the byte 0x{FirstInvalidByte(sample):X2} at offset {FirstInvalidOffset(sample)} starts no UTF-8 character) "
            + $"and its encoding could not be told{(detected is null ? "" : $" (it looks {detected.Confidence:P0} like {detected.EncodingName})")}: "
            + $"send it as UTF-8 or name its encoding ({setting}, e.g. windows-1251).");
    }

    // Text read in the right encoding has no control characters but tab and line breaks, and
    // nothing that had to be replaced; binary data or a wrong guess nearly always has some.
    private static bool Plausible(Encoding encoding, ReadOnlySpan<byte> sample)
    {
        var text = encoding.GetString(sample[..(sample.Length & ~1)]);
        foreach (var c in text.AsSpan(0, Math.Max(0, text.Length - 1)))
        {
            if (c is '\uFFFD' or (< ' ' and not ('\t' or '\r' or '\n')) or (>= '\u007F' and <= '\u009F'))
                return false;
        }
        return true;
    }

    // Windows-1251 and Mac Cyrillic differ only in capitals and a few signs, so the detector
    // often takes one for the other; exports and feeds in Mac Cyrillic are all but extinct.
    private static Encoding Likelier(Encoding detected) =>
        detected.CodePage == 10007 ? Encoding.GetEncoding(1251) : detected;

    /// <summary>The encoding an XML declaration names (&lt;?xml … encoding="windows-1251"?&gt;).</summary>
    public static string? XmlDeclared(ReadOnlySpan<byte> document)
    {
        var head = Encoding.ASCII.GetString(document[..Math.Min(document.Length, 200)]);
        var end = head.IndexOf("?>", StringComparison.Ordinal);
        if (!head.StartsWith("<?xml", StringComparison.Ordinal) || end < 0)
            return null;
        var at = head.IndexOf("encoding=", 0, end, StringComparison.Ordinal);
        if (at < 0 || at + 10 >= end)
            return null;
        var quote = head[at + 9];
        var close = head.IndexOf(quote, at + 10);
        return close > at + 10 && close < end ? head[(at + 10)..close] : null;
    }

    private static Encoding? Bom(ReadOnlySpan<byte> b) =>
        b.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? new UTF8Encoding(true)
        : b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? Encoding.Unicode
        : b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? Encoding.BigEndianUnicode
        : null;

    private static bool IsUtf8(ReadOnlySpan<byte> sample, bool whole)
    {
        var chars = ArrayPool<char>.Shared.Rent(sample.Length + 1);
        try
        {
            var status = Utf8.ToUtf16(sample, chars, out _, out _, replaceInvalidSequences: false, isFinalBlock: whole);
            return status is OperationStatus.Done || (!whole && status is OperationStatus.NeedMoreData);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    // Text never holds NUL, but UTF-16 has one beside every Latin letter, digit, space and comma,
    // always on the same side of the pair: in Cyrillic text that is still one pair in ten or more.
    private static Encoding? Utf16WithoutBom(ReadOnlySpan<byte> b)
    {
        int even = 0, odd = 0, n = Math.Min(b.Length, 4096) & ~1;
        for (var i = 0; i < n; i += 2)
        {
            if (b[i] == 0) even++;
            if (b[i + 1] == 0) odd++;
        }
        var pairs = n / 2;
        if (pairs < 2)
            return null;
        return odd * 20 >= pairs && even * 20 <= odd ? Encoding.Unicode
            : even * 20 >= pairs && odd * 20 <= even ? Encoding.BigEndianUnicode
            : null;
    }

    private static int FirstInvalidOffset(ReadOnlySpan<byte> sample)
    {
        var chars = ArrayPool<char>.Shared.Rent(sample.Length + 1);
        try
        {
            Utf8.ToUtf16(sample, chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
            return read;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static byte FirstInvalidByte(ReadOnlySpan<byte> sample) => sample.IsEmpty ? (byte)0 : sample[Math.Min(FirstInvalidOffset(sample), sample.Length - 1)];
}
