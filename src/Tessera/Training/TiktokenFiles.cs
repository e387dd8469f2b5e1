using System.Text.Json;
using Tessera.Formats.Tiktoken;
using Tessera.Internal;
using Tessera.Text;

namespace Tessera.Training;

/// <summary>
/// Writes a byte-level BPE learnt by <see cref="BpeTrainer"/> as tiktoken takes an encoding: <c>NAME.tiktoken</c>, each
/// token but the special ones as its bytes in base64 and its rank (its id: a merge's token ranks after the tokens it
/// joins, so tiktoken's lowest-rank-first merging follows the merge order), and <c>NAME.tiktoken.json</c>, the rest of
/// <c>tiktoken.Encoding(name, pat_str, mergeable_ranks, special_tokens)</c>: GPT-2's pattern as tiktoken writes it and
/// the special tokens with their ids. Both files are written atomically; <see cref="Load"/> reads them back.
/// </summary>
public static class TiktokenFiles
{
    /// <summary>The suffix of the settings file beside a <c>.tiktoken</c> file.</summary>
    public const string SettingsSuffix = ".json";

    /// <summary>Writes <paramref name="path"/> (a <c>.tiktoken</c> file) and its settings beside it.</summary>
    public static void Save(TrainedBpe trained, string path)
    {
        ArgumentNullException.ThrowIfNull(trained);
        byte[] ranks = Ranks(trained);
        byte[] settings = System.Text.Encoding.UTF8.GetBytes(Settings(trained, Path.GetFileNameWithoutExtension(path)));
        AtomicFile.Write(path, stream => stream.Write(ranks));
        AtomicFile.Write(path + SettingsSuffix, stream => stream.Write(settings));
    }

    /// <summary>Loads a <c>.tiktoken</c> file with the pattern and special tokens of its settings file.</summary>
    /// <exception cref="TokenizerFormatException">The settings file is missing a field or is not JSON (the message names it).</exception>
    public static TiktokenTokenizer Load(string path)
    {
        string settingsPath = path + SettingsSuffix;
        string pattern;
        var specials = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            using JsonDocument settings = JsonDocument.Parse(File.ReadAllBytes(settingsPath));
            if (!settings.RootElement.TryGetProperty("pat_str", out JsonElement patternElement) || patternElement.ValueKind != JsonValueKind.String)
                throw new TokenizerFormatException(settingsPath, 0, "", "expected a string \"pat_str\" (the pre-tokenization pattern)");
            pattern = patternElement.GetString()!;
            if (settings.RootElement.TryGetProperty("special_tokens", out JsonElement special))
            {
                foreach (JsonProperty token in special.EnumerateObject())
                    specials[token.Name] = token.Value.GetInt32();
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new TokenizerFormatException(settingsPath, 0, "", $"expected tiktoken settings (pat_str, special_tokens): {e.Message}", e);
        }
        return TiktokenTokenizer.Load(path, pattern, specials);
    }

    /// <summary>The <c>.tiktoken</c> file's bytes: every token but the special ones, by rank (its id).</summary>
    internal static byte[] Ranks(TrainedBpe trained)
    {
        var tokens = new byte[]?[trained.Vocabulary.Count];
        for (int id = trained.SpecialTokens.Count; id < tokens.Length; id++)
            tokens[id] = Bytes(trained.Vocabulary[id]);
        return TiktokenFileWriter.ToBytes(tokens);
    }

    /// <summary>The settings file's text: <c>name</c>, <c>pat_str</c> and <c>special_tokens</c>.</summary>
    internal static string Settings(TrainedBpe trained, string name)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("pat_str", TiktokenPatterns.R50k);
            json.WriteStartObject("special_tokens");
            for (int id = 0; id < trained.SpecialTokens.Count; id++)
                json.WriteNumber(trained.SpecialTokens[id], id);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The bytes a byte-level token spells (each character one byte of GPT-2's alphabet).</summary>
    private static byte[] Bytes(string token)
    {
        var bytes = new byte[token.Length];
        for (int i = 0; i < token.Length; i++)
        {
            if (!ByteLevelAlphabet.TryByteOf(token[i], out bytes[i]))
                throw new InvalidOperationException($"token {token} is not byte-level: a .tiktoken file needs byte-level BPE");
        }
        return bytes;
    }
}
