using System.Buffers;

namespace CxMonitor.Web.Feeds.Sources.Csv;

/// <summary>Splits RFC 4180 text into records without making a string per field: the fields of
/// the current record sit in one reused buffer, and only the columns a mapping asks for become
/// strings. That is what lets an import read hundreds of thousands of rows a second.</summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    readonly char[] _buffer = new char[64 * 1024];
    int _position, _length;
    char[] _values = new char[1024];
    int _valuesLength;
    int[] _starts = new int[32], _ends = new int[32];
    SearchValues<char> _stops = SearchValues.Create(",\r\n\"");
    char _delimiter = ',';

    public int FieldCount { get; private set; }

    /// <summary>The 1-based line the current record starts on.</summary>
    public int Line { get; private set; }
    int _nextLine = 1;

    public char Delimiter
    {
        get => _delimiter;
        set => (_delimiter, _stops) = (value, SearchValues.Create($"{value}\r\n\""));
    }

    public ReadOnlySpan<char> this[int field] => _values.AsSpan(_starts[field], _ends[field] - _starts[field]);

    /// <summary>The text up to the first line break, to guess the delimiter from.</summary>
    public ReadOnlySpan<char> PeekFirstLine()
    {
        Fill();
        var span = _buffer.AsSpan(_position, _length - _position);
        var end = span.IndexOfAny('\r', '\n');
        return end < 0 ? span : span[..end];
    }

    public bool Read()
    {
        while (true)
        {
            if (_position == _length && !Fill()) return false;
            Line = _nextLine;
            _valuesLength = 0;
            FieldCount = 0;
            var quotedAny = ReadRecord();
            // A blank line (often the last one) is not a record.
            if (FieldCount > 1 || _ends[0] > _starts[0] || quotedAny) return true;
        }
    }

    bool ReadRecord()
    {
        var quotedAny = false;
        while (true)
        {
            var start = _valuesLength;
            int c = Next();
            if (c == '"')
            {
                quotedAny = true;
                ReadQuoted();
                c = Next();
            }
            // Unquoted text (or, leniently, text after a closing quote) up to a stop character.
            while (c != -1 && c != _delimiter && c != '\n' && c != '\r')
            {
                Append((char)c);
                var span = _buffer.AsSpan(_position, _length - _position);
                var stop = span.IndexOfAny(_stops);
                var run = stop < 0 ? span : span[..stop];
                Append(run);
                _position += run.Length;
                c = Next();
            }
            EndField(start);
            if (c == _delimiter) continue;
            if (c == '\r' && Peek() == '\n') _position++;
            if (c != -1) _nextLine++;
            return quotedAny;
        }
    }

    void ReadQuoted()
    {
        var startLine = _nextLine;
        while (true)
        {
            if (_position == _length && !Fill())
                throw new FeedFormatException($"Line {startLine}: a quoted field is never closed.");
            var span = _buffer.AsSpan(_position, _length - _position);
            var quote = span.IndexOf('"');
            var run = quote < 0 ? span : span[..quote];
            Append(run);
            _nextLine += run.Count('\n');
            _position += run.Length;
            if (quote < 0) continue;
            _position++;
            if (Peek() != '"') return;
            Append('"');
            _position++;
        }
    }

    int Next() => _position < _length || Fill() ? _buffer[_position++] : -1;

    int Peek() => _position < _length || Fill() ? _buffer[_position] : -1;

    bool Fill()
    {
        _position = 0;
        _length = reader.Read(_buffer, 0, _buffer.Length);
        return _length > 0;
    }

    void Append(char c)
    {
        if (_valuesLength == _values.Length) Array.Resize(ref _values, _values.Length * 2);
        _values[_valuesLength++] = c;
    }

    void Append(ReadOnlySpan<char> run)
    {
        if (_valuesLength + run.Length > _values.Length) Array.Resize(ref _values, Math.Max(_values.Length * 2, _valuesLength + run.Length));
        run.CopyTo(_values.AsSpan(_valuesLength));
        _valuesLength += run.Length;
    }

    void EndField(int start)
    {
        if (FieldCount == _starts.Length)
        {
            Array.Resize(ref _starts, FieldCount * 2);
            Array.Resize(ref _ends, FieldCount * 2);
        }
        _starts[FieldCount] = start;
        _ends[FieldCount++] = _valuesLength;
    }
}
