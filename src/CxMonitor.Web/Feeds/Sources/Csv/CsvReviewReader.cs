using System.Globalization;
using System.Text;

namespace CxMonitor.Web.Feeds.Sources.Csv;

/// <summary>Streams the reviews of a CSV or TSV export, one row at a time, so that an import of
/// a million rows never holds more than one row in memory. A byte-order mark (UTF-8, UTF-16 LE or
/// BE) decides the encoding; without one, the encoding given (the import works it out with
/// <see cref="SourceEncoding"/>), else UTF-8. The header is read, and a missing mapped column
/// reported, when enumeration starts; the stream is left open.</summary>
public static class CsvReviewReader
{
    public static IEnumerable<CsvReviewRow> Read(Stream csv, CsvReviewMapping mapping, Encoding? encoding = null)
    {
        if (mapping.Id is null && mapping.IdFrom is not { Count: > 0 })
            throw new ArgumentException("A CSV mapping needs an Id column or IdFrom columns.", nameof(mapping));
        if (mapping.Delimiter is { } d && d != ',' && d != '\t')
            throw new ArgumentException($"The delimiter must be ',' or a tab, not '{d}'.", nameof(mapping));
        return ReadRows(csv, mapping, encoding ?? new UTF8Encoding(false));
    }

    static IEnumerable<CsvReviewRow> ReadRows(Stream csv, CsvReviewMapping mapping, Encoding encoding)
    {
        using var text = new StreamReader(csv, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var records = new CsvRecordReader(text);
        records.Delimiter = mapping.Delimiter ?? GuessDelimiter(records.PeekFirstLine());
        if (!records.Read()) throw new FeedFormatException("The CSV file is empty: it has no header line.");
        var columns = new CsvColumns(records, mapping);
        var index = 0;
        while (records.Read())
        {
            var line = records.Line;
            if (records.FieldCount != columns.HeaderCount)
                yield return Failed(index, line, $"line {line}", $"has {records.FieldCount} fields where the header has {columns.HeaderCount}");
            else if (columns.Read(records, out var review, out var column, out var why))
                yield return new CsvReviewRow(index, line, review, null);
            else
                yield return Failed(index, line, column!, why!);
            index++;
        }
    }

    static CsvReviewRow Failed(int index, int line, string column, string why) =>
        new(index, line, null, new FeedItemError(index, column, $"line {line}: {why}"));

    static char GuessDelimiter(ReadOnlySpan<char> header) =>
        header.Count('\t') > header.Count(',') ? '\t' : ',';
}

/// <summary>The positions of the mapped columns in this file's header, and the reading of one
/// row through them.</summary>
internal sealed class CsvColumns
{
    readonly CsvReviewMapping _m;
    readonly int _id, _time, _stars, _title, _text, _author, _url, _language, _site, _deleted;
    readonly int[] _idFrom;
    readonly string[] _names;

    public int HeaderCount => _names.Length;

    public CsvColumns(CsvRecordReader header, CsvReviewMapping m)
    {
        _m = m;
        _names = new string[header.FieldCount];
        for (var i = 0; i < _names.Length; i++) _names[i] = header[i].Trim().ToString();
        (_id, _time, _stars, _title, _text) = (Find(m.Id), Find(m.Time), Find(m.Stars), Find(m.Title), Find(m.Text));
        (_author, _url, _language, _site, _deleted) = (Find(m.Author), Find(m.Url), Find(m.Language), Find(m.Site), Find(m.Deleted));
        _idFrom = m.IdFrom?.Select(c => Find(c)).ToArray() ?? [];
    }

    int Find(string? column)
    {
        if (column is null) return -1;
        var i = Array.FindIndex(_names, n => string.Equals(n, column.Trim(), StringComparison.OrdinalIgnoreCase));
        if (i < 0)
            throw new FeedFormatException($"Column '{column}' is not in the CSV header; the header has: {string.Join(", ", _names.Select(n => $"'{n}'"))}.");
        return i;
    }

    public bool Read(CsvRecordReader row, out FeedReview? review, out string? column, out string? why)
    {
        review = null;
        column = why = null;
        var id = _id >= 0 && !row[_id].IsWhiteSpace() ? row[_id].Trim().ToString() : JoinedId(row);
        if (id is null)
        {
            (column, why) = (_m.Id ?? string.Join("+", _m.IdFrom!), "the row has no id");
            return false;
        }
        DateTimeOffset? time = null;
        if (_time >= 0 && !row[_time].IsWhiteSpace())
        {
            if (!FeedTimes.TryParse(row[_time], _m.TimeFormat, out var t))
            {
                (column, why) = (_m.Time, $"'{row[_time].ToString()}' is not a time{(_m.TimeFormat is null ? "" : $" in the format '{_m.TimeFormat}'")}");
                return false;
            }
            time = t;
        }
        int? stars = null;
        if (_stars >= 0 && !row[_stars].IsWhiteSpace())
        {
            if (!int.TryParse(row[_stars].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s))
            {
                (column, why) = (_m.Stars, $"'{row[_stars].ToString()}' is not a number of stars");
                return false;
            }
            stars = s;
        }
        review = new FeedReview(id, time, stars, Text(row, _title), Text(row, _text), Text(row, _author), Text(row, _url),
            Text(row, _language), _deleted >= 0 && IsTrue(row[_deleted].Trim()), Text(row, _site));
        return true;
    }

    string? JoinedId(CsvRecordReader row)
    {
        if (_idFrom.Length == 0) return null;
        var parts = new string[_idFrom.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (row[_idFrom[i]].IsWhiteSpace()) return null;
            parts[i] = row[_idFrom[i]].Trim().ToString();
        }
        return string.Join('/', parts);
    }

    static string? Text(CsvRecordReader row, int column) =>
        column < 0 || row[column].IsWhiteSpace() ? null : row[column].ToString();

    static bool IsTrue(ReadOnlySpan<char> v) =>
        v.Equals("true", StringComparison.OrdinalIgnoreCase) || v.SequenceEqual("1") || v.Equals("yes", StringComparison.OrdinalIgnoreCase);
}
