using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Tessera.Formats.Json;
using Tessera.Tests.Conformance;

namespace Tessera.Tests.Formats.Json;

/// <summary>
/// The JSON tree accepts what System.Text.Json's reader accepts (maximum depth 256) and reads every value as its
/// JsonElement does: kinds, raw text, strings (and the strings it refuses), integers, doubles, members (the last of a
/// name given twice) and array elements. Checked on hand-made edge cases, on every tokenizer.json of the goldens, and on
/// thousands of random mutations of them.
/// </summary>
public sealed class JsonTreeTests
{
    public static TheoryData<string> EdgeCases() =>
    [
        "[1,]", "{\"a\":1,}", "[01]", "[1.]", "[.5]", "[+1]", "[1e]", "[1e+]", "[-]", "[-01]", "[tru]", "[nul]", "[truex]", "[\"\\x\"]",
        "[\"\\u12\"]", "[\"\\u12G4\"]", "[\"a\tb\"]", "[1] x", "//c\n[1]", "[NaN]", "[Infinity]", "[\"\\/\"]", "  [1]  ", "[1]\0", " ", "",
        "{\"a\" 1}", "{\"a\":}", "{a:1}", "{\"a\":1 \"b\":2}", "[1 2]", "\"x\"", "12", "-0", "true", "null", "[\u00e9]", "[\"\u00e9\"]",
        "{\"a\":1,\"a\":2}", "{\"a\":1,\"\\u0061\":2}", "{\"a\":{\"b\":[]},\"c\":[{}]}", "[\"a\\ud800b\"]", "[\"\\udc00\"]",
        "[\"\\ud83d\\ude00\"]", "[\"\\ud83d\\u0041\"]", "[\"\\ud83dx\"]", "[1e400, -1e400, 1e-400, -0.0, 1.0, 1e2, 1E+2, 0.1]",
        "[2147483647, 2147483648, -2147483648, -2147483649, 123456789012345678901234567890]", "[0.30000000000000004, 5e-324, 1.7976931348623157e308]",
        "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]", "\t\r\n{}\n", "{\"\":0}", "[[[]]]", "[\"unterminated", "{\"a\":1", "[1,[2,[3]]",
        new string('[', 256) + new string(']', 256), new string('[', 257) + new string(']', 257),
        "{\"x\":" + new string('[', 255) + new string(']', 255) + "}", "{\"x\":" + new string('[', 256) + new string(']', 256) + "}",
    ];

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void ReadsEdgeCasesAsSystemTextJsonDoes(string json) => AssertSameAsSystemTextJson(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void ReadsStringsThatAreNotUtf8AsSystemTextJsonDoes()
    {
        AssertSameAsSystemTextJson([(byte)'[', (byte)'"', 0xFF, (byte)'"', (byte)']']);
        AssertSameAsSystemTextJson([(byte)'[', (byte)'"', 0xC0, 0x80, (byte)'"', (byte)']']);          // overlong
        AssertSameAsSystemTextJson([(byte)'[', (byte)'"', 0xED, 0xA0, 0x80, (byte)'"', (byte)']']);    // a surrogate in UTF-8
        AssertSameAsSystemTextJson([(byte)'{', (byte)'"', 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        AssertSameAsSystemTextJson([0xEF, 0xBB, 0xBF, (byte)'[', (byte)'1', (byte)']']);              // a byte order mark
    }

    private static string[] GoldenPaths() =>
        [.. Directory.EnumerateDirectories(Path.Combine(HuggingFaceGoldens.Root, "cases")).Order(StringComparer.Ordinal)
            .Select(folder => Path.Combine(folder, "tokenizer.json")).Where(File.Exists)];

    public static TheoryData<string> GoldenFiles() => [.. GoldenPaths()];

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void ReadsEveryGoldenTokenizerJsonAsSystemTextJsonDoes(string file) => AssertSameAsSystemTextJson(File.ReadAllBytes(file));

    [Fact]
    public void ReadsRandomMutationsAsSystemTextJsonDoes()
    {
        var random = new Random(20261201);
        byte[] alphabet = "{}[]\",:\\/ \n0123456789.-+eEtrufalsn\u00e9abu"u8.ToArray();
        string[] files = GoldenPaths();
        int accepted = 0, refused = 0;
        for (int round = 0; round < 3000; round++)
        {
            // A value of a golden file (the whole file now and then), with up to three bytes changed, inserted or removed.
            byte[] source = File.ReadAllBytes(files[random.Next(files.Length)]);
            var bytes = new List<byte>(round % 40 == 0 ? source : SomeValue(source, random));
            for (int edits = random.Next(4); edits > 0 && bytes.Count > 0; edits--)
            {
                int at = random.Next(bytes.Count);
                byte b = random.Next(8) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
                switch (random.Next(3))
                {
                    case 0: bytes[at] = b; break;
                    case 1: bytes.Insert(at, b); break;
                    default: bytes.RemoveAt(at); break;
                }
            }
            if (AssertSameAsSystemTextJson(bytes.ToArray())) accepted++; else refused++;
        }
        Assert.True(accepted > 200 && refused > 200, $"the mutations should give both outcomes: {accepted} read, {refused} refused");
    }

    /// <summary>The bytes of a value of the JSON <paramref name="source"/> picked at random: a short walk down from the root.</summary>
    private static byte[] SomeValue(byte[] source, Random random)
    {
        using JsonDocument document = JsonDocument.Parse(source);
        JsonElement value = document.RootElement;
        while (random.Next(4) != 0)
        {
            if (value.ValueKind == JsonValueKind.Object && value.EnumerateObject().Count() is > 0 and int members)
                value = value.EnumerateObject().ElementAt(random.Next(Math.Min(members, 64))).Value;
            else if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() is > 0 and int elements)
                value = value[random.Next(Math.Min(elements, 64))];
            else
                break;
        }
        return JsonMarshal.GetRawUtf8Value(value).ToArray();
    }

    /// <summary>Whether the JSON was read; fails when the tree and System.Text.Json disagree on anything.</summary>
    private static bool AssertSameAsSystemTextJson(byte[] utf8)
    {
        JsonTree? tree = JsonTree.TryParse(utf8);
        JsonDocument? document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException)
        {
            document = null;
        }
        string shown = Encoding.UTF8.GetString(utf8);
        Assert.True((tree is null) == (document is null),
            $"System.Text.Json {(document is null ? "refuses" : "reads")} what the tree {(tree is null ? "refuses" : "reads")}: {shown}");
        if (document is null)
            return false;
        using (document)
            AssertSame(document.RootElement, tree!.Root, "$");
        return true;
    }

    private static void AssertSame(JsonElement expected, JsonNode actual, string path)
    {
        Assert.Equal((int)expected.ValueKind, (int)actual.ValueKind);
        Assert.Equal(Raw(expected), actual.RawUtf8.ToArray());
        switch (expected.ValueKind)
        {
            case JsonValueKind.String:
                Assert.Equal(Outcome(() => expected.GetString()!), Outcome(actual.GetString));
                break;
            case JsonValueKind.Number:
                Assert.Equal(expected.TryGetInt32(out int i), actual.TryGetInt32(out int j));
                Assert.Equal(i, j);
                Assert.Equal(Outcome(() => BitConverter.DoubleToInt64Bits(expected.GetDouble()).ToString()),
                    Outcome(() => BitConverter.DoubleToInt64Bits(actual.GetDouble()).ToString()));
                break;
            case JsonValueKind.True or JsonValueKind.False:
                Assert.Equal(expected.GetBoolean(), actual.GetBoolean());
                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
                int index = 0;
                var elements = new List<JsonNode>();
                foreach (JsonNode element in actual.EnumerateArray())
                    elements.Add(element);
                foreach (JsonElement element in expected.EnumerateArray())
                {
                    AssertSame(element, elements[index], $"{path}[{index}]");
                    if (index < 8) // the indexer walks the array
                        Assert.Equal(Raw(element), actual[index].RawUtf8.ToArray());
                    index++;
                }
                Assert.Equal(index, elements.Count);
                break;
            case JsonValueKind.Object:
                var members = new List<JsonMember>();
                foreach (JsonMember member in actual.EnumerateObject())
                    members.Add(member);
                int m = 0;
                foreach (JsonProperty property in expected.EnumerateObject())
                {
                    Assert.Equal(Outcome(() => property.Name), Outcome(() => members[m].Name));
                    AssertSame(property.Value, members[m].Value, $"{path}.{m}");
                    string? name = Outcome(() => property.Name) is ['=', .. string n] ? n : null;
                    if (name is not null && m < 16) // a lookup walks the object
                    {
                        // The member a lookup by name finds: the last of that name, in both.
                        Assert.True(expected.TryGetProperty(name, out JsonElement found));
                        Assert.True(actual.TryGetProperty(name, out JsonNode ours));
                        Assert.Equal(Raw(found), ours.RawUtf8.ToArray());
                    }
                    m++;
                }
                Assert.Equal(m, members.Count);
                Assert.False(actual.TryGetProperty("\u0001 no such member", out _));
                break;
        }
    }

    private static byte[] Raw(JsonElement element) => JsonMarshal.GetRawUtf8Value(element).ToArray();

    /// <summary>The value, or "!" when reading it throws (both readers refuse the same strings, with their own messages).</summary>
    private static string Outcome(Func<string> read)
    {
        try
        {
            return "=" + read();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            return "!";
        }
    }
}
