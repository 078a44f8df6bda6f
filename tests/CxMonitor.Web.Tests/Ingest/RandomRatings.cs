using System.Globalization;
using System.Text;
using CxMonitor.Core.Ratings;
using CxMonitor.Web.Ingest;

namespace CxMonitor.Web.Tests.Ingest;

/// <summary>Random rating items as JSON text: plain valid ones (what the fast path must take), and
/// odd ones (wrong types, escapes, nulls, repeated and unknown names, values at and past every
/// limit, times in other shapes and offsets, invalid UTF-8).</summary>
internal sealed class RandomRatings(Random random, DateTimeOffset now)
{
    /// <summary>Written as a lone 0xFF byte by <see cref="Utf8"/>: invalid UTF-8 inside a string.</summary>
    private const char BadByte = '\uE000';

    private static readonly string[] Sites = ["riga-old-town", "kyiv-podil", "s.1_x"];
    private static readonly string[] Slugs = ["checkout", "a", "x.y_z-1", "0", new string('s', 64)];
    // Two digits are added to each: the long ones end at the limit of 128 UTF-16 units.
    private static readonly string[] Ids = ["b1-7", "Заказ-№5", "a b", new string('x', 126), string.Concat(Enumerable.Repeat("😀", 63)), new string('ü', 126)];
    private static readonly string[] Customers = ["c123", "Ольга", new string('c', 128), string.Concat(Enumerable.Repeat("😀", 64)), "", " "];
    private static readonly string[] Comments = ["  hi  ", "Дуже добре 👍", "   ", "", "ok", new string('w', 60), "queue\u00A0", "日本語のコメント "];
    private static readonly string[] Languages = ["en", "uk", "pt-BR", "zh-Hant-TW", "abc-" + string.Join("-", Enumerable.Repeat("abcdefgh", 3)) + "-ab"];
    private static readonly string[] Offsets = ["Z", "z", "+00:00", "+05:30", "-03:30", "+14:00", "-12:00", "+05:45"];

    private static readonly string[] OddValues =
    [
        "null", "5", "4.0", "true", "false", "{}", "[]", "[1]", "{\"a\":[1,{}]}", "\"\"", "\"  \"", "\"\\u0041bc\"", "\"a\\nb\"", "\"\\ud800\"",
        "\"x" + BadByte + "y\"", "\"\u0085\"", "\"a\\\"b\"", "\"\\/\"", "-0", "1e400",
    ];

    private static readonly Dictionary<string, string[]> OddByField = new()
    {
        ["id"] = ["\"" + new string('x', 129) + "\"", "\"\"", "\"   \"", "\"a\u0085b\"", "\"a\\u0001b\"", "\"\\u0062\"", "\"a\u2028b\""],
        ["time"] =
        [
            "\"2026-11-26 07:00:00Z\"", "\"2026-11-26T07:00:00\"", "\"2026-11-26T07:00:00.12345678Z\"", "\"2026-02-30T00:00:00Z\"",
            "\"2026-11-26T06:00:00+5:30\"", "\"2026-11-26T06:00:00+15:00\"", "\"2026-11-26T07:00:00.Z\"", "\"2026-11-26T24:00:00Z\"",
            "\"2026-11-26T06:59:00.000+05:30 \"", "\"2026-11-26T06:00:00,5Z\"", "\"2026-11-26T06:00:00-0330\"", "\"2026-11-26T06:00:00+05:30:00\"",
            "\"20261126T070000Z\"", "\"2026-11-26\"", "\"\\u0032026-11-26T06:00:00Z\"", "\"2026-11-26T06:00:00.1Z\"",
            // At and past the window's edges (now 2026-11-26T07:00Z, 5 minutes ahead, 400 days back).
            "\"2026-11-26T07:05:00Z\"", "\"2026-11-26T07:05:00.0000001Z\"", "\"2026-11-26T12:35:01+05:30\"", "\"2026-11-26T03:35:00-03:30\"",
            "\"2025-10-22T07:00:00Z\"", "\"2025-10-22T06:59:59.9999999Z\"", "\"2025-10-22T03:29:59-03:30\"", "\"2025-10-22T12:30:00+05:30\"",
        ],
        ["scale"] = ["\"CSAT5\"", "\"csat5 \"", "\"csat\\u0035\"", "\"nps\"", "0", "\"Csat5\""],
        ["score"] = ["4.0", "4e0", "-0", "1e400", "4.5", "99999999999", "-1", "11", "0", "\"4\"", "1E0", "0.0", "-0.0", "2147483648", "1.0000000000000001"],
        ["site"] = ["\"nowhere\"", "\"Riga\"", "\"" + new string('s', 65) + "\"", "\"kyiv\\u002dpodil\"", "\"kyiv-podil \""],
        ["channel"] = ["\"Web\"", "\"tv\"", "\"" + new string('w', 33) + "\"", "\"w\\u0065b\"", "\"in-store \""],
        ["touchpoint"] = ["\"Check Out\"", "\"" + new string('t', 65) + "\"", "\"-x\"", "\"_x\"", "\"ä\""],
        ["source"] = ["\"API\"", "\"" + new string('t', 65) + "\"", "\".x\""],
        ["team"] = ["\"Team A\"", "\"t\\u0061\""],
        ["customer"] = ["\"" + new string('c', 129) + "\"", "\"" + string.Concat(Enumerable.Repeat("😀", 65)) + "\"", "\"c\\u0031\""],
        ["reasons"] = ["[\"Wait\"]", "[1]", "[null]", "[[\"a\"]]", "\"wait-time\"", "[" + string.Join(",", Enumerable.Repeat("\"a\"", 21)) + "]", "[\"a\\u0062\"]", "[\"" + new string('r', 65) + "\"]", "[\"\"]"],
        ["comment"] = ["\"" + new string('w', 61) + "\"", "\" tab\\there \"", "\"line\\nbreak\"", "\"\\u00e9\"", "\"" + string.Concat(Enumerable.Repeat("😀", 31)) + "\""],
        ["language"] = ["\"EN\"", "\"e\"", "\"en-\"", "\"en_US\"", "\"abc-" + string.Join("-", Enumerable.Repeat("abcdefgh", 3)) + "-abc\"", "\"e\\u006e\""],
    };

    private static readonly string[] UnknownNames = ["colour", "Score", "scale ", "\\u0069d", "SITE", "ids", ""];

    public static byte[] Utf8(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var bad = Encoding.UTF8.GetBytes(BadByte.ToString());
        var result = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes.AsSpan(i).StartsWith(bad))
            {
                result.Add(0xFF);
                i += bad.Length - 1;
            }
            else
            {
                result.Add(bytes[i]);
            }
        }
        return result.ToArray();
    }

    public string Space() => Pick(["", "", " ", "\n", "\t", "\r\n  "]);

    public (string Json, bool Plain) Item()
    {
        if (random.Next(40) == 0)
            return (Pick(["5", "\"x\"", "null", "[]", "[{}]", "true", "{}"]), false);
        var plain = random.Next(2) == 0;
        var scale = Pick(RatingScales.All.ToArray());
        var (min, max) = RatingScales.Range(scale);
        var fields = new List<(string Name, string Value)>
        {
            ("scale", Quote(RatingScales.Code(scale))),
            ("score", random.Next(min, max + 1).ToString(CultureInfo.InvariantCulture)),
            ("site", Quote(Pick(Sites))),
        };
        foreach (var name in new[] { "id", "time", "channel", "touchpoint", "source", "team", "customer", "reasons", "comment", "language" })
        {
            if (random.Next(2) == 0)
                fields.Add((name, Valid(name)));
        }
        if (!plain)
        {
            plain = true;
            for (var f = 0; f < fields.Count; f++)
            {
                if (random.Next(4) == 0)
                {
                    fields[f] = (fields[f].Name, random.Next(2) == 0 ? Pick(OddValues) : Pick(OddByField[fields[f].Name]));
                    plain = false;
                }
            }
            switch (random.Next(6))
            {
                case 0:
                    fields.Add((Pick(UnknownNames), Pick([.. OddValues, "\"x\""])));
                    plain = false;
                    break;
                case 1:
                    var again = Pick(fields.ToArray()).Name;
                    fields.Add((again, random.Next(2) == 0 ? Valid(again) : Pick(OddByField[again])));
                    plain = false;
                    break;
                case 2:
                    fields.RemoveAt(random.Next(3));
                    plain = false;
                    break;
            }
        }
        var shuffled = fields.OrderBy(_ => random.Next()).Select(f => $"{Space()}\"{f.Name}\"{Space()}:{Space()}{f.Value}{Space()}");
        return ("{" + string.Join(",", shuffled) + "}", plain);
    }

    private string Valid(string name) => name switch
    {
        "id" => Quote(Pick(Ids) + random.Next(10, 100)),
        "time" => Quote(Time()),
        "scale" => Quote(RatingScales.Code(Pick(RatingScales.All.ToArray()))),
        "score" => random.Next(0, 2).ToString(CultureInfo.InvariantCulture),
        "site" => Quote(Pick(Sites)),
        "channel" => Quote(Pick(FieldRules.Channels.ToArray())),
        "touchpoint" or "source" or "team" => Quote(Pick(Slugs)),
        "customer" => Quote(Pick(Customers)),
        "reasons" => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 21)).Select(_ => Quote(Pick(Slugs)))) + "]",
        "comment" => Quote(Pick(Comments)),
        _ => Quote(Pick(Languages)),
    };

    private string Time()
    {
        // Inside the window by a margin: 400 days back, 5 minutes ahead.
        var time = now.AddSeconds(-random.NextInt64(-240, 399L * 86400)).AddTicks(random.Next(10_000_000));
        var offset = Pick(Offsets);
        var shift = offset is "Z" or "z" ? TimeSpan.Zero : TimeSpan.Parse(offset.TrimStart('+'), CultureInfo.InvariantCulture);
        var local = time.ToOffset(shift);
        var fraction = random.Next(0, 8);
        var text = local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            + (fraction == 0 ? "" : "." + local.ToString(fraction == 1 ? "%f" : new string('f', fraction), CultureInfo.InvariantCulture));
        return (random.Next(4) == 0 ? text.Replace('T', 't') : text) + offset;
    }

    private static string Quote(string text) => "\"" + text + "\"";

    private T Pick<T>(T[] values) => values[random.Next(values.Length)];
}
