using System.Collections.Concurrent;

namespace Tessera.Tests.Conformance;

/// <summary>
/// The golden hashes Hugging Face tokenizers (Rust) produced for every case (tests/goldens/make-hf-goldens.mjs):
/// small tokenizers in Goldens/hf/cases/CASE/tokenizer.json and the real models fetched into .assets/hf. A case with a
/// folder/ (vocab.txt, or vocab.json + merges.txt: tests/goldens/make-hf-folder-cases.mjs) is loaded by Tessera from that
/// folder, while its tokenizer.json is what Hugging Face built from the same files.
/// </summary>
internal static class HuggingFaceGoldens
{
    private static readonly ConcurrentDictionary<string, Tokenizer> s_tokenizers = new();

    public static string Root => Path.Combine(TestPaths.Goldens, "hf");

    /// <summary>Every (case, input) pair with golden hashes.</summary>
    public static IEnumerable<(string Case, string Input)> Pairs() =>
        Directory.Exists(Root)
            ? Directory.EnumerateDirectories(Root).Where(d => Path.GetFileName(d) != "cases")
                .SelectMany(d => Directory.EnumerateFiles(d, "*.hashes").Select(f => (Path.GetFileName(d), Path.GetFileNameWithoutExtension(f))))
                .OrderBy(p => p.Item1, StringComparer.Ordinal).ThenBy(p => p.Item2, StringComparer.Ordinal)
            : [];

    /// <summary>The tokenizer.json of a case: the small case's file, else the fetched real model.</summary>
    public static string TokenizerPath(string name)
    {
        string small = Path.Combine(Root, "cases", name, "tokenizer.json");
        return File.Exists(small) ? small : TestPaths.HuggingFaceAsset(name);
    }

    /// <summary>What Tessera loads for a case: its folder/ when it has one, else its tokenizer.json.</summary>
    public static string LoadPath(string name)
    {
        string folder = Path.Combine(Root, "cases", name, "folder");
        return Directory.Exists(folder) ? folder : TokenizerPath(name);
    }

    public static Tokenizer Load(string name) => s_tokenizers.GetOrAdd(name, n => Tokenizer.Load(LoadPath(n)));

    /// <summary>Per document: ids and offsets without special tokens matched or added, then with both.</summary>
    public static List<string[]> Hashes(string name, string input) =>
        [.. File.ReadLines(Path.Combine(Root, name, input + ".hashes")).Where(l => l.Length > 0).Select(l => l.Split(' '))];

    /// <summary>
    /// Where <paramref name="tokenizer"/> differs from Hugging Face on the documents of <paramref name="input"/> (case
    /// <paramref name="name"/>'s golden hashes): ids and offsets without special tokens matched or added, then with both;
    /// the first five documents that differ.
    /// </summary>
    public static List<string> Failures(Tokenizer tokenizer, string name, string input)
    {
        List<string> documents = GoldenFiles.Documents(input);
        List<string[]> expected = Hashes(name, input);
        var failures = new List<string>();
        for (int i = 0; i < expected.Count && failures.Count < 5; i++)
        {
            string document = documents[i];
            TokenEncoding plain = tokenizer.Encode(document, addSpecialTokens: false, matchSpecialTokens: false);
            TokenEncoding full = tokenizer.Encode(document, addSpecialTokens: true, matchSpecialTokens: true);
            string[] actual =
            [
                CodePointSweep.Hash([.. plain.Ids]), OffsetsHash(plain.Offsets),
                CodePointSweep.Hash([.. full.Ids]), OffsetsHash(full.Offsets),
            ];
            string[] what = ["ids", "offsets", "ids (special tokens matched and added)", "offsets (special tokens matched and added)"];
            for (int k = 0; k < 4; k++)
            {
                if (expected[i][k] != actual[k])
                {
                    string snippet = document.Length > 80 ? document[..80] + "..." : document;
                    failures.Add($"{input} #{i + 1}: {what[k]} differ: {System.Text.Json.JsonSerializer.Serialize(snippet)}");
                    break;
                }
            }
        }
        return failures;
    }

    public static string OffsetsHash(IReadOnlyList<(int Start, int End)> offsets)
    {
        var flat = new int[offsets.Count * 2];
        for (int i = 0; i < offsets.Count; i++)
            (flat[2 * i], flat[2 * i + 1]) = offsets[i];
        return CodePointSweep.Hash(flat);
    }
}
