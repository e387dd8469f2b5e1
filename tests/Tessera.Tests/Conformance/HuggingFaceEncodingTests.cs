using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Tests.Conformance;

/// <summary>
/// Every field of Hugging Face's Encoding (ids, type ids, tokens, offsets, masks, word and sequence ids, overflowing
/// parts, recursively) for texts, pairs and batches under truncation and padding settings, against
/// Goldens/hf/encodings/CASE.jsonl (tests/goldens/make-hf-encoding-goldens.mjs). Settings reach the tokenizer through
/// tokenizer.json's "truncation"/"padding" (runs marked "json") or through WithTruncation/WithPadding ("api").
/// </summary>
public sealed class HuggingFaceEncodingTests
{
    private static readonly ConcurrentDictionary<string, string> s_json = new();

    private static string Folder => Path.Combine(HuggingFaceGoldens.Root, "encodings");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Folder, "*.jsonl").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EncodingsMatchHuggingFace(string name)
    {
        string[] lines = [.. File.ReadLines(Path.Combine(Folder, name + ".jsonl")).Where(l => l.Length > 0)];
        string tokenizerJson = TokenizerJson(JsonNode.Parse(lines[0])!["tokenizer"]!.GetValue<string>());
        Tokenizer plain = Tokenizer.FromJson(tokenizerJson);
        var tokenizers = new Dictionary<string, Tokenizer>();
        var failures = new List<string>();
        for (int i = 1; i < lines.Length && failures.Count < 10; i++)
        {
            JsonNode run = JsonNode.Parse(lines[i])!;
            string label = $"{name} line {i + 1} ({run["name"]}, {run["via"]}, add_special_tokens={run["add_special_tokens"]}, {run["kind"]} {Snippet(run["inputs"]!.ToJsonString())})";
            Tokenizer tokenizer;
            try
            {
                string key = $"{run["name"]}/{run["via"]}";
                if (!tokenizers.TryGetValue(key, out tokenizer!))
                    tokenizers[key] = tokenizer = WithSettings(plain, tokenizerJson, run);
            }
            catch (Exception e)
            {
                failures.Add($"{label}: settings rejected: {e.Message}");
                continue;
            }
            bool add = run["add_special_tokens"]!.GetValue<bool>();
            IReadOnlyList<TokenEncoding> actual;
            try
            {
                actual = Encode(tokenizer, run["kind"]!.GetValue<string>(), run["inputs"]!.AsArray(), add);
            }
            catch (InvalidOperationException e) when (run["error"] is not null)
            {
                _ = e;
                continue;
            }
            catch (Exception e)
            {
                failures.Add($"{label}: threw {e.GetType().Name}: {e.Message}");
                continue;
            }
            if (run["error"] is { } error)
            {
                failures.Add($"{label}: expected Hugging Face's error \"{error}\", got an encoding");
                continue;
            }
            JsonArray expected = run["expected"]!.AsArray();
            if (expected.Count != actual.Count)
            {
                failures.Add($"{label}: expected {expected.Count} encodings, got {actual.Count}");
                continue;
            }
            for (int k = 0; k < actual.Count; k++)
            {
                if (Difference(expected[k]!, actual[k], $"encoding[{k}]") is { } difference)
                {
                    failures.Add($"{label}: {difference}");
                    break;
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string TokenizerJson(string reference) => s_json.GetOrAdd(reference, r => File.ReadAllText(
        r.StartsWith("asset:", StringComparison.Ordinal) ? TestPaths.HuggingFaceAsset(r["asset:".Length..]) : Path.Combine(HuggingFaceGoldens.Root, r, "tokenizer.json")));

    /// <summary>The tokenizer with the run's settings: written into its tokenizer.json, or set through the API.</summary>
    private static Tokenizer WithSettings(Tokenizer plain, string tokenizerJson, JsonNode run)
    {
        JsonNode? truncation = run["truncation"], padding = run["padding"];
        if (run["via"]!.GetValue<string>() == "json")
        {
            JsonNode root = JsonNode.Parse(tokenizerJson)!;
            root["truncation"] = truncation?.DeepClone();
            root["padding"] = padding?.DeepClone();
            return Tokenizer.FromJson(root.ToJsonString());
        }
        TruncationSettings? t = truncation is null ? null : new TruncationSettings(
            truncation["max_length"]!.GetValue<int>(), truncation["stride"]!.GetValue<int>(),
            Enum.Parse<TruncationStrategy>(truncation["strategy"]!.GetValue<string>()),
            Enum.Parse<TruncationDirection>(truncation["direction"]!.GetValue<string>()));
        PaddingSettings? p = padding is null ? null : new PaddingSettings
        {
            Length = padding["strategy"] is JsonObject fixedLength ? fixedLength["Fixed"]!.GetValue<int>() : null,
            Direction = Enum.Parse<PaddingDirection>(padding["direction"]!.GetValue<string>()),
            PadToMultipleOf = padding["pad_to_multiple_of"]?.GetValue<int>(),
            PadId = padding["pad_id"]!.GetValue<int>(),
            PadTypeId = padding["pad_type_id"]!.GetValue<int>(),
            PadToken = padding["pad_token"]!.GetValue<string>(),
        };
        return plain.WithTruncation(t).WithPadding(p);
    }

    private static IReadOnlyList<TokenEncoding> Encode(Tokenizer tokenizer, string kind, JsonArray inputs, bool add)
    {
        static (string, string) Pair(JsonNode? node) => (node![0]!.GetValue<string>(), node[1]!.GetValue<string>());
        return kind switch
        {
            "single" => [tokenizer.Encode(inputs[0]!.GetValue<string>(), add)],
            "pair" => [tokenizer.Encode(Pair(inputs[0]).Item1, Pair(inputs[0]).Item2, add)],
            "batch" => tokenizer.EncodeBatch(inputs.Select(n => n!.GetValue<string>()), add),
            "pair-batch" => tokenizer.EncodeBatch(inputs.Select(Pair), add),
            _ => throw new InvalidDataException($"unknown kind {kind}"),
        };
    }

    /// <summary>The first field that differs, with its path, or null.</summary>
    private static string? Difference(JsonNode expected, TokenEncoding actual, string path)
    {
        (string Field, object Actual)[] fields =
        [
            ("ids", actual.Ids), ("type_ids", actual.TypeIds), ("tokens", actual.Tokens),
            ("offsets", actual.Offsets.Select(o => new[] { o.Start, o.End })),
            ("special_tokens_mask", actual.SpecialTokensMask), ("attention_mask", actual.AttentionMask),
            ("word_ids", actual.WordIds), ("sequence_ids", actual.SequenceIds), ("n_sequences", actual.SequenceCount),
        ];
        foreach ((string field, object value) in fields)
        {
            string want = expected[field]!.ToJsonString(), got = JsonSerializer.Serialize(value);
            if (want != got)
                return $"{path}.{field} differs:\n  expected {Snippet(want, 400)}\n  actual   {Snippet(got, 400)}";
        }
        JsonArray overflowing = expected["overflowing"]!.AsArray();
        if (overflowing.Count != actual.Overflowing.Count)
            return $"{path}.overflowing: expected {overflowing.Count} parts, got {actual.Overflowing.Count}";
        for (int i = 0; i < overflowing.Count; i++)
            if (Difference(overflowing[i]!, actual.Overflowing[i], $"{path}.overflowing[{i}]") is { } difference)
                return difference;
        return null;
    }

    private static string Snippet(string text, int length = 80) => text.Length > length ? text[..length] + "..." : text;
}
